package org.jnetgraph.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jnetgraph.types.BridgeHostTable.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bridge's lock-free host table on its own: scale, growth and shrinking, and concurrent learners and readers.
 * It involves no graph, so unlike the node tests it does not run per {@code SyncMode}.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BridgeHostTableTest {
    private final AtomicLong clock = new AtomicLong();
    private BridgeHostTable table = new BridgeHostTable((host, now) -> true, clock::get);

    private static long mac(int i) {
        return 0x0200_0000_0000L | (i * 2654435761L & 0xff_ffff_ffffL);
    }

    @Test
    void shouldHoldAHundredThousandHostsAndFindEachOnItsLink() {
        BridgeLink[] links = {null, null, null};
        int hosts = 100_000;

        for (int i = 0; i < hosts; i++) {
            table.learn(mac(i), links[i % 3], 0);
        }

        assertEquals(hosts, table.size());
        for (int i = 0; i < hosts; i++) {
            Host host = table.find(mac(i));
            assertNotNull(host, "host " + i);
            assertEquals(mac(i), host.mac);
        }
        assertNull(table.find(0x0300_0000_0001L));
        assertTrue(table.capacity() <= 4 * 131_072, "capacity " + table.capacity());
    }

    @Test
    void shouldReturnTheSameLiveHostToASecondLearnAndReplaceARemovedOne() {
        Host first = table.learn(mac(1), null, 0);

        assertSame(first, table.learn(mac(1), null, 5));
        table.remove(first);
        Host second = table.learn(mac(1), null, 7);

        assertTrue(first != second);
        assertEquals(7, second.homedAt);
        assertEquals(1, table.size());
    }

    @Test
    void shouldNotGrowWithoutBoundWhenHostsComeAndGo() {
        for (int round = 0; round < 200; round++) {
            List<Host> learned = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                learned.add(table.learn(mac(round * 1000 + i), null, 0));
            }
            learned.forEach(table::remove);
        }

        assertEquals(0, table.size());
        assertTrue(table.capacity() <= 8192, "capacity " + table.capacity());
    }

    /*
     * Eight threads learn overlapping ranges of addresses while growth migrates the table under them, and each
     * checks that every address it learned is found right away. In the end every address has one live Host.
     */
    @Test
    void shouldKeepOneHostPerAddressUnderConcurrentLearningAndGrowth() throws Exception {
        for (int round = 0; round < 10; round++) {
            table = new BridgeHostTable((host, now) -> true, clock::get);
            learnConcurrently();
        }
    }

    /*
     * Threads learn, remove and learn again overlapping addresses, so that dead entries are replaced in place and
     * migrations drop them, all at once. In the end every address has exactly one live Host.
     */
    @Test
    void shouldKeepOneHostPerAddressWhileHostsAreRemovedAndLearnedAgain() throws Exception {
        int threads = 4;
        int addresses = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 5 * addresses; i++) {
                    int address = (i * 7 + seed * 13) % addresses;
                    Host host = table.learn(mac(address), null, 0);
                    if ((i + seed) % 3 == 0) {
                        table.remove(host);
                    }
                }
                for (int address = 0; address < addresses; address++) {
                    table.learn(mac(address), null, 0);
                }
                return null;
            }));
        }

        go.countDown();
        for (Future<?> result : done) {
            result.get(15, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Map<Long, Host> seen = new HashMap<>();
        table.forEach(host -> assertTrue(seen.putIfAbsent(host.mac, host) == null || seen.get(host.mac) == host));
        assertEquals(addresses, seen.size());
        assertEquals(addresses, table.size());
        for (int address = 0; address < addresses; address++) {
            assertSame(seen.get(mac(address)), table.find(mac(address)));
        }
    }

    private void learnConcurrently() throws Exception {
        int threads = 8;
        int perThread = 40_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> misses = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t * perThread / 2;
            misses.add(pool.submit(() -> learnRange(go, from, perThread)));
        }

        go.countDown();
        int missed = 0;
        for (Future<Integer> result : misses) {
            missed += result.get(15, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(0, missed);
        int distinct = (threads - 1) * perThread / 2 + perThread;
        assertEquals(distinct, table.size());
        Map<Long, Host> seen = new HashMap<>();
        table.forEach(host -> {
            Host other = seen.putIfAbsent(host.mac, host);
            assertTrue(other == null || other == host, "two live hosts for one address");
        });
        assertEquals(distinct, seen.size());
    }

    private int learnRange(CountDownLatch go, int from, int count) throws InterruptedException {
        go.await();
        int missed = 0;
        for (int i = from; i < from + count; i++) {
            Host learned = table.learn(mac(i), null, 0);
            Host found = table.find(mac(i));
            if (found == null || found.mac != mac(i) || (found != learned && !learned.isDead())) {
                missed++;
            }
        }
        return missed;
    }
}
