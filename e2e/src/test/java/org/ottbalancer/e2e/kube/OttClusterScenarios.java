package org.ottbalancer.e2e.kube;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.ottbalancer.e2e.migration.Observations;
import org.ottbalancer.e2e.support.Await;
import org.ottbalancer.e2e.support.ChatUser;
import org.ottbalancer.e2e.support.DeliveryCheck;
import org.ottbalancer.e2e.support.Scenario;

/**
 * The operator's life on a cluster, driven the way a user drives it: {@code kubectl apply} of the
 * CRD and an OttCluster, {@code kubectl scale}, {@code kubectl patch}, {@code kubectl delete}, with a
 * swarm of WebSocket users behind the balancer Service checking every numbered message. The
 * monoliths store rooms in a real Redis like OTT (5 s debounced saves, nothing flushed on a
 * commanded unload). One cluster serves the whole class, in order: each test starts from the state
 * the previous one left (written in its name) and checks it first.
 *
 * <p>The cluster is a {@link ClusterUnderTest}: the local harness ({@link OttClusterOnLocalKubeIT}) or
 * a real cluster ({@link OttClusterOnRealKubeIT}). The scenarios are the same; the few places where the
 * two differ are in the cluster, not here, except where a real API server answers differently (schema
 * validation, see the bad-resources test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class OttClusterScenarios {
    static final String NAMESPACE = "ott-e2e";
    static final String CLUSTER = "watch-party";
    static final int ROOMS = 50;
    static final int USERS_PER_ROOM = 10;
    static final Duration CHAT_EVERY = Duration.ofMillis(1000);
    static final Duration TITLE_EVERY = Duration.ofMillis(1500);
    static final Duration SETTLE = Duration.ofSeconds(120);
    static final Duration POLL = Duration.ofMillis(500);

    private ClusterUnderTest cluster;
    private OttClusterView view;
    private int servicePort;
    private final List<Scenario> scenarios = new ArrayList<>();
    private int roomBatch;

    /** The cluster the scenarios run on, in {@link #NAMESPACE}, with Redis running and the operator not yet started. */
    abstract ClusterUnderTest startCluster() throws Exception;

    @BeforeAll
    void startClusterAndOperator() throws Exception {
        cluster = startCluster();
        cluster.startOperator();
        view = cluster.view(CLUSTER);
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (Scenario s : scenarios) {
            s.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static String ottCluster(String redisUri, int monoliths, String monolithImage) {
        return """
                apiVersion: ottbalancer.org/v1alpha1
                kind: OttCluster
                metadata:
                  name: %s
                spec:
                  monolith:
                    replicas: %d
                    image: %s
                    env:
                      - name: REDIS_URL
                        value: %s
                      - name: SAVE_DELAY
                        value: 5s
                      - name: FLUSH_ON_UNLOAD
                        value: "false"
                  balancer:
                    replicas: 2
                    service:
                      port: 80
                  drain:
                    deadline: 90s
                """.formatted(CLUSTER, monoliths, monolithImage, redisUri);
    }

    @Test
    @Order(1)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void installingTheCrdAndAnOttClusterBringsEverythingUpReadyWithStatusAndPrinterColumns() throws Exception {
        long start = System.nanoTime();
        String crd = cluster.kubectl().applyFile(Path.of(System.getProperty("ott.crdFile", "../crds/ottclusters.ottbalancer.org-v1.yml")));
        assertTrue(crd.contains("ottclusters.ottbalancer.org"), crd);
        Await.every(POLL, "the OttCluster kind to be served", Duration.ofSeconds(20),
                () -> call(() -> cluster.kubectl().run(null, "get", "ottclusters").ok()), () -> "");
        var applied = cluster.kubectl().apply(ottCluster(cluster.redisUri(), 3, cluster.monolithImage(1)));
        assertTrue(applied.ok() && applied.stdout().contains("ottcluster.ottbalancer.org/" + CLUSTER + " created"), applied.describe());

        awaitSettled(3, 2);
        long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String columns = printerColumns();
        System.out.printf("[kube] install: 3 monoliths and 2 balancers Ready %d ms after kubectl apply%n[kube] %s%n", readyMillis,
                columns.replace("\n", "\n[kube] "));
        servicePort = cluster.servicePort(CLUSTER + "-balancer", 80, Duration.ofSeconds(10));
        // status.monoliths follows the agents' reports, which the operator polls after the pods are Ready.
        Await.every(POLL, "status.monoliths to list the three pods", Duration.ofSeconds(30),
                () -> call(() -> view.field(".status.monoliths[*].pod").split(" ").length == 3), () -> call(view::describeStatus));

        String[] row = columns.split("\n")[1].trim().split("\\s+");
        assertAll(
                () -> assertEquals("True", view.condition("Ready", "status")),
                () -> assertEquals("AllAvailable", view.condition("Ready", "reason")),
                () -> assertEquals("False", view.condition("Degraded", "status")),
                () -> assertEquals("3", view.field(".status.readyMonoliths")),
                () -> assertEquals("2", view.field(".status.balancers.ready")),
                () -> assertEquals("2", view.field(".status.balancers.desired")),
                () -> assertFalse(view.field(".status.selector").isBlank(), "status.selector for the scale subresource"),
                () -> assertEquals(3, view.field(".status.monoliths[?(@.state==\"active\")].pod").split(" ").length),
                // NAME AGE MONOLITHS BALANCERS READY MONOLITHS-READY ROOMS USERS
                () -> assertEquals(List.of(CLUSTER, "3", "2", "True", "3"), List.of(row[0], row[2], row[3], row[4], row[5]), columns),
                () -> assertEquals(3, view.pods(OttClusterView.MONOLITH_PODS).size()),
                () -> assertEquals(2, view.pods(OttClusterView.BALANCER_PODS).size()),
                () -> assertEquals(2, cluster.serviceEndpoints(CLUSTER + "-balancer", 80)));
    }

    /**
     * The table {@code kubectl get ott} prints on a real API server (the mock has no Table output):
     * the CRD's {@code additionalPrinterColumns}, read back from the API, as custom columns.
     */
    private String printerColumns() throws Exception {
        String spec = cluster.kubectl().ok("get", "crd", "ottclusters.ottbalancer.org", "-o",
                "jsonpath={range .spec.versions[0].additionalPrinterColumns[*]}{.name}:{.jsonPath}{\"\\n\"}{end}");
        StringBuilder cols = new StringBuilder("NAME:.metadata.name");
        for (String line : spec.split("\n")) {
            int colon = line.indexOf(':');
            cols.append(',').append(line.substring(0, colon).toUpperCase()).append(':').append(line.substring(colon + 1));
        }
        return cluster.kubectl().ok("get", "ottcluster", CLUSTER, "-o", "custom-columns=" + cols);
    }

    @Test
    @Order(2)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void fiveHundredClientsInFiftyRoomsChatThroughTwoBalancersWithoutLosingAMessage() throws Exception {
        Scenario s = crowd();
        s.startTraffic(CHAT_EVERY, TITLE_EVERY);
        Thread.sleep(6000);
        s.stopTraffic();
        Observations.awaitQuietly(s);
        Verdict v = verdict("traffic", s, u -> true);
        List<String> misplaced = view.notOnExactlyOnePod(s.rooms());
        assertAll(
                () -> v.assertPerfect(),
                () -> assertEquals(List.of(), misplaced, "rooms not on exactly one monolith pod"),
                () -> assertEquals(2, cluster.serviceEndpoints(CLUSTER + "-balancer", 80),
                        "balancer pods behind the Service"));
        s.close();
    }

    @Test
    @Order(3)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void scalingDownFromThreeToTwoUnderTrafficDrainsOneMonolithWithoutAnyoneNoticing() throws Exception {
        awaitSettled(3, 2);
        List<String> before = view.pods(OttClusterView.MONOLITH_PODS);
        Scenario s = crowd();
        s.startTraffic(CHAT_EVERY, TITLE_EVERY);
        Thread.sleep(3000);

        long start = System.nanoTime();
        cluster.kubectl().ok("scale", "ottcluster/" + CLUSTER, "--replicas=2");
        DrainWatch drain = watchDrain(2, 2);
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Thread.sleep(3000);
        s.stopTraffic();
        Observations.awaitQuietly(s);

        List<String> after = view.pods(OttClusterView.MONOLITH_PODS);
        List<String> gone = before.stream().filter(p -> !after.contains(p)).toList();
        Verdict v = verdict("scale down 3->2", s, u -> true);
        List<String> misplaced = view.notOnExactlyOnePod(s.rooms());
        System.out.printf("[kube] scale down 3->2: drained pod %s; kubectl scale to 2 Ready monoliths and no drain: %d ms; "
                + "Draining condition seen: \"%s\"; ended: \"%s\"%n", gone, drainMillis, drain.seen, drain.end);
        assertAll(
                () -> v.assertPerfect(),
                () -> assertEquals(1, gone.size(), "exactly one monolith pod removed: before " + before + ", after " + after),
                () -> assertTrue(after.stream().allMatch(before::contains), "no new monolith pod: " + after),
                () -> assertEquals(List.of(), view.allPods(OttClusterView.MONOLITH_PODS).stream().filter(gone::contains).toList(),
                        "the drained pod is deleted"),
                () -> assertTrue(drain.seen.startsWith("draining pod " + gone.get(0)) || drain.seen.startsWith("pod " + gone.get(0) + " drained"),
                        "the Draining condition named the drained pod: " + drain.seen),
                () -> assertEquals("False", drain.endStatus, "Draining condition ended: " + drain.end),
                () -> assertEquals(List.of(), misplaced, "rooms not on exactly one remaining monolith"));
        s.close();
    }

    @Test
    @Order(4)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void scalingUpFromTwoToFourLetsNewRoomsReachTheNewMonoliths() throws Exception {
        awaitSettled(2, 2);
        List<String> old = view.pods(OttClusterView.MONOLITH_PODS);
        long start = System.nanoTime();
        cluster.kubectl().ok("scale", "ottcluster/" + CLUSTER, "--replicas=4");
        awaitSettled(4, 2);
        long upMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // Balancers learn the new monoliths from the registry; place rooms only once both link to all four.
        Thread.sleep(2000);
        List<String> rooms = nextRooms(40);
        view.createRooms(servicePort, rooms);
        Map<String, List<String>> byPod = view.roomsByPod();
        Map<String, Long> newRoomsPerNewPod = new HashMap<>();
        Map<String, Long> newRoomsPerOldPod = new HashMap<>();
        for (var e : byPod.entrySet()) {
            (old.contains(e.getKey()) ? newRoomsPerOldPod : newRoomsPerNewPod).put(e.getKey(),
                    e.getValue().stream().filter(rooms::contains).count());
        }
        System.out.printf("[kube] scale up 2->4: 4 Ready monoliths %d ms after kubectl scale; of 40 new rooms, new pods got %s, old pods %s%n",
                upMillis, newRoomsPerNewPod, newRoomsPerOldPod);
        assertAll(
                () -> assertEquals(2, newRoomsPerNewPod.size(), "two new pods: " + byPod.keySet()),
                // Creation requests are spread over the monoliths by the balancers; each new one must get its share.
                () -> assertTrue(newRoomsPerNewPod.values().stream().allMatch(n -> n > 0), "every new monolith got new rooms: " + newRoomsPerNewPod),
                () -> assertEquals(List.of(), view.notOnExactlyOnePod(rooms)));
    }

    @Test
    @Order(5)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aKilledMonolithProcessIsRestartedAndItsClientsAreReHomedWithoutASocketClosed() throws Exception {
        awaitSettled(4, 2);
        Scenario s = crowd();
        s.startTraffic(CHAT_EVERY, TITLE_EVERY);
        Thread.sleep(7000); // past one save of every room
        Map<String, List<String>> byPod = view.roomsByPod();
        String victim = byPod.entrySet().stream().max((a, b) -> Integer.compare(
                (int) a.getValue().stream().filter(s.rooms()::contains).count(), (int) b.getValue().stream().filter(s.rooms()::contains).count()))
                .orElseThrow().getKey();
        ClusterUnderTest.Container monolith = cluster.container(victim, "monolith");
        int restartsBefore = monolith.restarts();
        long killedAt = System.nanoTime();
        monolith.kill();
        Await.every(POLL, "the monolith container restarted and every room on exactly one monolith", Duration.ofSeconds(60),
                () -> call(() -> monolith.restarts() > restartsBefore && monolith.ready()
                        && view.notOnExactlyOnePod(s.rooms()).isEmpty()), () -> "");
        long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        Map<Integer, Integer> sentBefore = new HashMap<>();
        for (ChatUser u : s.users()) {
            sentBefore.put(u.index(), u.lastSeqSent() + 2); // a message in flight at this instant may still be lost
        }
        Thread.sleep(4000);
        s.stopTraffic();
        Observations.awaitQuietly(s);
        DeliveryCheck after = DeliveryCheck.of(s.users(), USERS_PER_ROOM, sentBefore::get);
        List<String> closed = Observations.closedSockets(s.users());
        List<String> lostTitles = Observations.lostTitles(s);
        System.out.printf("[kube] monolith killed in pod %s (%d of the swarm's rooms): restarted and rooms re-homed after %d ms; "
                + "after recovery %s; closed sockets %d%n", victim, byPod.get(victim).stream().filter(s.rooms()::contains).count(),
                recoveredMillis, after.summary(), closed.size());
        assertAll(
                () -> assertEquals(List.of(), closed, "client sockets closed"),
                () -> assertTrue(after.perfect(), after.summary()),
                () -> assertEquals(List.of(), lostTitles, "rooms whose last title is not in a fresh sync"),
                () -> assertEquals(List.of(), Observations.userProblems(s.users())));
        s.close();
    }

    @Test
    @Order(6)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aKilledBalancerProcessSendsItsClientsThroughTheOtherBalancerWithinSecondsAndNobodyElseNotices() throws Exception {
        awaitSettled(4, 2);
        Scenario s = crowd();
        s.startTraffic(CHAT_EVERY, TITLE_EVERY);
        Thread.sleep(3000);
        String victim = view.pods(OttClusterView.BALANCER_PODS).get(0);
        long killedAt = System.nanoTime();
        cluster.container(victim, "balancer").kill();
        Await.until("the killed balancer's clients to see their sockets end", Duration.ofSeconds(10),
                () -> !Observations.closedSockets(s.users()).isEmpty());
        Thread.sleep(500);
        Set<Integer> cut = new HashSet<>();
        List<java.util.concurrent.CompletableFuture<ChatUser>> back = new ArrayList<>();
        for (ChatUser u : s.users()) {
            if (u.ending() != null) {
                cut.add(u.index());
                back.add(s.rejoin(u));
            }
        }
        java.util.concurrent.CompletableFuture.allOf(back.toArray(java.util.concurrent.CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        long reconnectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        Thread.sleep(3000);
        s.stopTraffic();
        Observations.awaitQuietly(s);
        DeliveryCheck others = DeliveryCheck.of(s.users(), USERS_PER_ROOM, i -> 0, u -> !cut.contains(u.index()));
        System.out.printf("[kube] balancer %s killed: %d of %d clients cut off, all back through the Service %d ms after the kill; "
                + "the others: %s%n", victim, cut.size(), s.users().size(), reconnectMillis, others.summary());
        assertAll(
                () -> assertTrue(cut.size() > 0 && cut.size() < s.users().size(), "only the killed balancer's clients are cut: " + cut.size()),
                () -> assertTrue(reconnectMillis < 15_000, "reconnected within seconds: " + reconnectMillis + " ms"),
                () -> assertTrue(others.perfect(), others.summary()));
        s.close();
        awaitSettled(4, 2);
    }

    @Test
    @Order(7)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theOperatorKilledAndRestartedMidDrainFinishesTheDrainAndTheDataPlaneCarriesOnMeanwhile() throws Exception {
        awaitSettled(4, 2);
        List<String> before = view.pods(OttClusterView.MONOLITH_PODS);
        Scenario s = crowd();
        s.startTraffic(CHAT_EVERY, TITLE_EVERY);
        Thread.sleep(3000);
        long start = System.nanoTime();
        cluster.kubectl().ok("scale", "ottcluster/" + CLUSTER, "--replicas=3");
        Await.every(POLL, "a drain to start", Duration.ofSeconds(30),
                () -> call(() -> "True".equals(view.condition("Draining", "status"))), () -> "");
        String draining = view.condition("Draining", "message");
        cluster.killOperator();
        long down = System.nanoTime();
        long receivedAtKill = s.messagesReceived();
        Thread.sleep(5000);
        long deliveredWhileDown = s.messagesReceived() - receivedAtKill;
        cluster.restartOperator();
        long downMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down);
        watchDrain(3, 2);
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Thread.sleep(2000);
        s.stopTraffic();
        Observations.awaitQuietly(s);
        Verdict v = verdict("operator restart mid-drain", s, u -> true);
        List<String> after = view.pods(OttClusterView.MONOLITH_PODS);
        System.out.printf("[kube] operator killed mid-drain (\"%s\"), down %d ms, %d live deliveries meanwhile; drain finished %d ms after kubectl scale%n",
                draining, downMillis, deliveredWhileDown, drainMillis);
        assertAll(
                () -> v.assertPerfect(),
                () -> assertTrue(deliveredWhileDown > 0, "messages flowed while the operator was down"),
                () -> assertEquals(3, after.size()),
                () -> assertTrue(before.containsAll(after), "the drained pod left, no other: " + before + " -> " + after),
                () -> assertEquals(List.of(), view.notOnExactlyOnePod(s.rooms())));
        s.close();
    }

    @Test
    @Order(8)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void rollingTheMonolithImageUnderTrafficDisconnectsNobody() throws Exception {
        awaitSettled(3, 2);
        List<String> before = view.pods(OttClusterView.MONOLITH_PODS);
        Scenario s = crowd();
        s.startTraffic(CHAT_EVERY, TITLE_EVERY);
        Thread.sleep(3000);
        long start = System.nanoTime();
        cluster.kubectl().ok("patch", "ottcluster/" + CLUSTER, "--type=merge", "-p",
                "{\"spec\":{\"monolith\":{\"image\":\"" + cluster.monolithImage(2) + "\"}}}");
        Await.every(POLL, "every monolith pod replaced by one of the new image", Duration.ofSeconds(240),
                () -> call(() -> view.settled(3, 2) && view.allPods(OttClusterView.MONOLITH_PODS).stream().noneMatch(before::contains)),
                () -> call(view::describeStatus));
        long rollMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Thread.sleep(2000);
        s.stopTraffic();
        Observations.awaitQuietly(s);
        Verdict v = verdict("rolling update", s, u -> true);
        String images = cluster.kubectl().ok("get", "pods", "-l", OttClusterView.MONOLITH_PODS, "-o",
                "jsonpath={.items[*].spec.containers[0].image}");
        System.out.printf("[kube] rolling update of 3 monoliths: %d ms from kubectl patch to 3 new Ready pods%n", rollMillis);
        assertAll(
                () -> v.assertPerfect(),
                () -> assertEquals(List.of(cluster.monolithImage(2), cluster.monolithImage(2), cluster.monolithImage(2)),
                        List.of(images.split(" "))),
                () -> assertEquals(List.of(), view.notOnExactlyOnePod(s.rooms())));
        s.close();
    }

    @Test
    @Order(9)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void badResourcesGetAClearErrorOrConditionAndDisturbNothingElse() throws Exception {
        awaitSettled(3, 2);
        List<String> pods = view.allPods("app.kubernetes.io/instance=" + CLUSTER);
        var typo = cluster.kubectl().apply("""
                apiVersion: ottbalancer.org/v1alpha1
                kind: OttClustr
                metadata:
                  name: typo
                spec: {}
                """);
        var badDeadline = cluster.kubectl().apply("""
                apiVersion: ottbalancer.org/v1alpha1
                kind: OttCluster
                metadata:
                  name: bad-deadline
                spec:
                  monolith:
                    replicas: 1
                  drain:
                    deadline: soon
                """);
        OttClusterView bad = cluster.view("bad-deadline");
        if (cluster.kubectl().validates()) {
            // A real API server checks the CRD's schema (drain.deadline has a pattern) and refuses the object itself.
            System.out.printf("[kube] bad resources: kind typo -> %s; drain.deadline \"soon\" -> %s%n", typo.stderr(), badDeadline.stderr());
            assertAll(
                    () -> assertFalse(typo.ok(), typo.describe()),
                    () -> assertTrue(typo.stderr().contains("OttClustr"), typo.describe()),
                    () -> assertFalse(badDeadline.ok(), badDeadline.describe()),
                    () -> assertTrue(badDeadline.stderr().contains("spec.drain.deadline"), badDeadline.describe()),
                    () -> assertEquals(List.of(), bad.allPods("app.kubernetes.io/instance=bad-deadline"), "nothing created for an invalid spec"),
                    () -> assertTrue(view.settled(3, 2)),
                    () -> assertEquals(pods, view.allPods("app.kubernetes.io/instance=" + CLUSTER), "the good cluster's pods are untouched"));
            return;
        }
        Await.every(POLL, "bad-deadline to be reported invalid", Duration.ofSeconds(30),
                () -> call(() -> "InvalidSpec".equals(bad.condition("Ready", "reason"))), () -> call(bad::describeStatus));
        String message = bad.condition("Ready", "message");
        System.out.printf("[kube] bad resources: kind typo -> %s; drain.deadline \"soon\" -> Ready=%s InvalidSpec: %s%n",
                typo.stderr(), bad.condition("Ready", "status"), message);
        assertAll(
                () -> assertFalse(typo.ok(), typo.describe()),
                () -> assertTrue(typo.stderr().contains("OttClustr"), typo.describe()),
                () -> assertTrue(badDeadline.ok(), badDeadline.describe()),
                () -> assertEquals("False", bad.condition("Ready", "status")),
                () -> assertTrue(message.contains("deadline"), message),
                () -> assertEquals(List.of(), bad.allPods("app.kubernetes.io/instance=bad-deadline"), "nothing created for an invalid spec"),
                () -> assertTrue(view.settled(3, 2)),
                () -> assertEquals(pods, view.allPods("app.kubernetes.io/instance=" + CLUSTER), "the good cluster's pods are untouched"));
        cluster.kubectl().ok("delete", "ottcluster/bad-deadline");
    }

    @Test
    @Order(10)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void deletingTheOttClusterRemovesEverythingItCreated() throws Exception {
        long start = System.nanoTime();
        cluster.kubectl().ok("delete", "ottcluster/" + CLUSTER);
        String selector = "app.kubernetes.io/instance=" + CLUSTER;
        Await.every(POLL, "everything of the cluster gone", Duration.ofSeconds(150),
                () -> call(() -> cluster.kubectl().ok("get", "deployments,services,configmaps,secrets,serviceaccounts,roles,rolebindings,"
                        + "poddisruptionbudgets,pods", "-l", selector, "-o", "name").isBlank()),
                () -> call(() -> cluster.kubectl().ok("get", "deployments,services,configmaps,secrets,pods", "-l", selector, "-o", "name")));
        long goneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Await.until("every pod process to end", Duration.ofSeconds(30), () -> call(() -> cluster.podsGone(selector)));
        System.out.printf("[kube] delete: everything of %s gone %d ms after kubectl delete%n", CLUSTER, goneMillis);
        assertEquals("", cluster.kubectl().ok("get", "ottclusters", "-o", "name"));
    }

    // ---- helpers ----

    /** A fresh swarm: 50 new rooms created through the Service, 10 users each, all joined. */
    private Scenario crowd() throws Exception {
        List<String> rooms = nextRooms(ROOMS);
        view.createRooms(servicePort, rooms);
        Scenario s = new Scenario(rooms, USERS_PER_ROOM);
        scenarios.add(s);
        s.enterThrough(servicePort);
        s.connectUsers();
        return s;
    }

    private List<String> nextRooms(int count) {
        int batch = ++roomBatch;
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rooms.add(String.format("b%d-room-%02d", batch, i));
        }
        return rooms;
    }

    private void awaitSettled(int monoliths, int balancers) throws Exception {
        Await.every(POLL, monoliths + " monoliths and " + balancers + " balancers Ready, no drain", SETTLE,
                () -> call(() -> view.settled(monoliths, balancers)), () -> call(view::describeStatus));
    }

    /** What the Draining condition said while a scale-down ran, and how it ended. */
    static final class DrainWatch {
        String seen = "";
        String end = "";
        String endStatus = "";
    }

    private DrainWatch watchDrain(int monoliths, int balancers) throws Exception {
        DrainWatch w = new DrainWatch();
        Await.every(POLL, "the drain to finish", SETTLE, () -> call(() -> {
            // Status and message from one read, so they belong together.
            String[] draining = view.field(".status.conditions[?(@.type==\"Draining\")].status}|{"
                    + ".status.conditions[?(@.type==\"Draining\")].message").split("\\|", 2);
            if (draining.length == 2 && "True".equals(draining[0])) {
                w.seen = draining[1];
            }
            return view.settled(monoliths, balancers);
        }), () -> call(view::describeStatus));
        w.endStatus = view.condition("Draining", "status");
        w.end = view.condition("Draining", "reason") + ": " + view.condition("Draining", "message");
        return w;
    }

    /** Sockets, deliveries, titles and frames of a swarm, printed and checkable. */
    private Verdict verdict(String what, Scenario s, java.util.function.Predicate<ChatUser> counted) throws Exception {
        Verdict v = new Verdict(Observations.closedSockets(s.users()), DeliveryCheck.of(s.users(), USERS_PER_ROOM, i -> 0, counted),
                Observations.lostTitles(s), Observations.userProblems(s.users()));
        System.out.printf("[kube] %s: %d chat messages sent, %d live deliveries; %s; closed sockets %d; lost titles %d%n", what,
                s.messagesSent(), s.messagesReceived(), v.delivery.summary(), v.closed.size(), v.lostTitles.size());
        return v;
    }

    record Verdict(List<String> closed, DeliveryCheck delivery, List<String> lostTitles, List<String> problems) {
        void assertPerfect() {
            assertAll(
                    () -> assertEquals(List.of(), closed, "client sockets closed"),
                    () -> assertTrue(delivery.perfect(), delivery.summary()),
                    () -> assertEquals(List.of(), lostTitles, "rooms whose last title change did not survive"),
                    () -> assertEquals(List.of(), problems, "unexpected frames"));
        }
    }

    interface Check<T> {
        T get() throws Exception;
    }

    static <T> T call(Check<T> c) {
        try {
            return c.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
