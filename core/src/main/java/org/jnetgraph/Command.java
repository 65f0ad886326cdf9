package org.jnetgraph;

import org.jnetgraph.parse.ParseType;

/**
 * One entry of a type's command list: the cookie and number of a message, its ASCII name, and the parse types of its
 * request and reply arguments (null when the message has no arguments).
 *
 * <p>Threading: immutable; any thread.
 *
 * @param cookie the type cookie
 * @param cmd the command number, with the READONLY and HASREPLY bits
 * @param name the ASCII command name, at most 31 characters
 * @param request the parse type of the request arguments, or null
 * @param reply the parse type of the reply arguments, or null
 */
public record Command(int cookie, int cmd, String name, ParseType request, ParseType reply) {}
