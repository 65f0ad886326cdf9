package org.jnetgraph.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jnetgraph.Graph;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.types.Ngctl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FreeBSD's tests/sys/netgraph/ng_macfilter_test.sh, section by section. The script hangs the macfilter {@code MF} and
 * a one2many {@code O2M} under an Ethernet interface; here the test's socket node stands in for the interface: its
 * hook {@code lower} faces MF's {@code ether} and its hook {@code upper} faces O2M's {@code one}. MF's
 * {@code default} and {@code out1..3} face O2M's {@code many0..3}. Hook and address counts are read from the ASCII
 * {@code gethooks} reply the way the script's perl does. The script's {@code sort -R} shuffles use a seeded Random.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MacFilterTest {
    private static final int HOOKS = 3;
    private static final int HOOKSADD = 42;
    private static final int ITERATIONS = 7;
    private static final int SUBITERATIONS = 71;
    private static final Pattern HOOKNAME = Pattern.compile("hookname=\"(.*?)\"");

    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;
    private final Random random = new Random(0x6d6163);

    @BeforeEach
    void configureNodes() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket();
        socket.mkpeer(".", "macfilter", "lower", "ether");
        socket.name("lower", "MF");
        socket.mkpeer(".", "one2many", "upper", "one");
        socket.name("upper", "O2M");
        Ngctl.msg(socket, "O2M:", "setconfig", "{ xmitAlg=3 failAlg=1 enabledLinks=[ 1 1 ] }");
        socket.connect("MF:", "O2M:", "default", "many0");
        for (int i = 1; i <= HOOKS; i++) {
            socket.connect("MF:", "O2M:", "out" + i, "many" + i);
        }
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    /** The sorted hook names of MF's gethooks reply, joined by ':'. */
    private String gethooks() {
        Matcher matcher = HOOKNAME.matcher(Ngctl.request(socket, "MF:", "gethooks", ""));
        TreeSet<String> names = new TreeSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return String.join(":", names);
    }

    /** The sum of the {@code maccnt} of the hooks the pattern names, as the script's countmacs reads it. */
    private int countmacs(String hookname) {
        Pattern entry = Pattern.compile("hookname=\"" + hookname + "\" hookid=\\d+ maccnt=(\\d+)");
        Matcher matcher = entry.matcher(Ngctl.request(socket, "MF:", "gethooks", ""));
        int count = 0;
        while (matcher.find()) {
            count += Integer.parseInt(matcher.group(1));
        }
        return count;
    }

    private int countmacs() {
        return countmacs("[^\"]*");
    }

    private void direct(String edge, String ether) {
        Ngctl.msg(socket, "MF:", "direct", "{ hookname=\"" + edge + "\" ether=" + ether + " }");
    }

    private static String genmac(int j, int i) {
        return String.format("00:00:00:00:%02x:%02x", j, i);
    }

    private String randomedge() {
        int edge = random.nextInt(HOOKS + 1);
        return edge == 0 ? "default" : "out" + edge;
    }

    private List<Integer> shuffled(int from, int to) {
        List<Integer> values = IntStream.rangeClosed(from, to).boxed().collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(values, random);
        return values;
    }

    // ---------------------------------------------------------------- hooks

    @Test
    void duplicateDefaultHook() {
        assertThrows(NgException.class, () -> socket.connect("MF:", "O2M:", "default", "many99"));
    }

    @Test
    void addAndRemoveHooks() {
        String created = gethooks();
        for (int i = 1; i <= 3; i++) {
            socket.connect("MF:", "O2M:", "xxx" + i, "many" + (HOOKS + i));
        }
        assertEquals(created + ":xxx1:xxx2:xxx3", gethooks());

        socket.rmhook("MF:", "xxx1");
        assertEquals(created + ":xxx2:xxx3", gethooks());
        socket.rmhook("MF:", "xxx2");
        assertEquals(created + ":xxx3", gethooks());
        socket.rmhook("MF:", "xxx3");
        assertEquals(created, gethooks());
    }

    @Test
    void addManyHooks() {
        String created = gethooks();
        TreeSet<String> added = new TreeSet<>();
        for (int i = 10; i <= HOOKSADD; i++) {
            added.add("xxx" + i);
            socket.connect("MF:", "O2M:", "xxx" + i, "many" + (HOOKS + i));
        }
        TreeSet<String> expected = new TreeSet<>(added);
        expected.addAll(List.of(created.split(":")));
        assertEquals(String.join(":", expected), gethooks());

        for (String hook : added) {
            socket.rmhook("MF:", hook);
        }
        assertEquals(created, gethooks());
    }

    // ---------------------------------------------------------------- addresses

    private void addManyMacs() {
        for (int i : shuffled(1, ITERATIONS)) {
            for (int j = 0; j <= SUBITERATIONS; j++) {
                direct(i == 2 ? "out2" : "out1", genmac(j, i));
            }
        }
    }

    @Test
    void addManyMacsLandsThemOnOut1AndOut2() {
        addManyMacs();

        assertEquals((ITERATIONS - 1) * (SUBITERATIONS + 1), countmacs("out1"));
        assertEquals(SUBITERATIONS + 1, countmacs("out2"));
        assertEquals(0, countmacs("out3"));
    }

    @Test
    void changingHooksForMacsMovesTheirCounts() {
        addManyMacs();

        for (int i = 1; i <= ITERATIONS; i++) {
            direct("out3", genmac(0, i));
        }

        assertEquals((ITERATIONS - 1) * SUBITERATIONS, countmacs("out1"));
        assertEquals(SUBITERATIONS, countmacs("out2"));
        assertEquals(ITERATIONS, countmacs("out3"));
    }

    @Test
    void removingAllMacsOneByOneEmptiesTheTable() {
        addManyMacs();

        for (int i : shuffled(1, ITERATIONS)) {
            for (int j : shuffled(0, SUBITERATIONS)) {
                direct("default", genmac(j, i));
            }
        }

        assertEquals(0, countmacs());
        assertEquals("{}", Ngctl.request(socket, "MF:", "getmacs", ""));
    }

    /** Directs every address to a random edge; the address-to-edge list, in the order sent. */
    private Map<String, String> randomlyAddMacsOnRandomHooks() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 1; i <= ITERATIONS; i++) {
            for (int j : shuffled(0, SUBITERATIONS)) {
                String edge = randomedge();
                direct(edge, genmac(j, i));
                entries.put(genmac(j, i), edge);
            }
        }
        return entries;
    }

    private void assertCountsMatch(Map<String, String> entries) {
        for (int hook = 1; hook <= HOOKS; hook++) {
            String edge = "out" + hook;
            long expected = entries.values().stream().filter(edge::equals).count();
            assertEquals(expected, countmacs(edge), "MACs in table for " + edge);
        }
    }

    @Test
    void randomlyAddingMacsOnRandomHooks() {
        assertCountsMatch(randomlyAddMacsOnRandomHooks());
    }

    @Test
    void randomlyChangingMacAssignments() {
        Map<String, String> entries = randomlyAddMacsOnRandomHooks();

        for (int i = 1; i <= ITERATIONS; i++) {
            Map<String, String> changed = new LinkedHashMap<>();
            for (String ether : entries.keySet()) {
                String edge = randomedge();
                direct(edge, ether);
                changed.put(ether, edge);
            }
            assertCountsMatch(changed);
            entries = changed;
        }
    }

    @Test
    void resettingMacfilterEmptiesTheTable() {
        randomlyAddMacsOnRandomHooks();

        Ngctl.msg(socket, "MF:", "reset", "");

        assertEquals(0, countmacs());
    }
}
