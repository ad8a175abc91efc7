package org.ottbalancer.monolith.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.RoomName;

/** The store contract against a real redis-server started on a free loopback port. */
class RedisRoomStoreTest extends RoomStoreContract {
    private static Process redis;
    private static int port;
    private static Path dir;
    private static io.lettuce.core.RedisClient admin;
    private static io.lettuce.core.api.sync.RedisCommands<String, String> raw;
    private RedisRoomStore current;

    @BeforeAll
    static void startRedis() throws Exception {
        String binary = findOnPath("redis-server");
        if (binary == null) {
            fail("redis-server is not on PATH; install it (Debian: apt-get install redis-server) to run the Redis store tests");
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        dir = Files.createTempDirectory("ott-redis-test");
        redis = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                admin = io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + port);
                raw = admin.connect().sync();
                return;
            } catch (IOException notYet) {
                if (!redis.isAlive() || System.nanoTime() > deadline) {
                    fail("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(20);
            }
        }
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (admin != null) {
            admin.shutdown();
        }
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(5, TimeUnit.SECONDS)) {
                redis.destroyForcibly();
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Override
    RoomStore store() {
        raw.flushall();
        current = RedisRoomStore.connect("redis://127.0.0.1:" + port);
        return current;
    }

    @AfterEach
    void closeStore() {
        if (current != null) {
            current.close();
        }
    }

    @Test
    void roomsLiveUnderOttsKeyNames() {
        RoomStore s = store();
        s.saveRoom(RoomName.of("Lobby"), "{}").join();
        assertEquals("{}", raw.get("room:lobby"));
        s.nextLoadEpoch().join();
        assertEquals("1", raw.get("roommanager:load_epoch"));
    }

    @Test
    void epochCounterResetsToZeroOnceItReachesTheThreshold() {
        RoomStore s = store();
        raw.set("roommanager:load_epoch", Long.toString(RoomStore.EPOCH_RESET_THRESHOLD - 1));
        assertEquals(RoomStore.EPOCH_RESET_THRESHOLD, s.nextLoadEpoch().join());
        assertEquals(1L, s.nextLoadEpoch().join());
    }

    private static String findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
