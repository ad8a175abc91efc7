package org.ottbalancer.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.ottbalancer.e2e.cluster.MonolithNode;
import org.ottbalancer.e2e.support.Await;

/**
 * The dashboard in a real browser while a monolith drains: headless chromium shows the cluster
 * (three monoliths, the room and its two users), follows the drain live (draining badge, the room
 * leaving and arriving on another monolith, the move in the activity feed), and shows the loss of
 * the balancer. Meanwhile two visitors' room pages, open in other tabs, keep working: chat typed
 * during and after the drain reaches the other visitor, and neither page ever reconnects.
 *
 * <p>Screenshots of each stage are written to {@code target/screenshots/}.
 */
class DashboardBrowserIT {
    private static final String ROOM = "demo";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration SHORT = Duration.ofSeconds(15);
    /** The drain waits for the settle time (save delay + 2 s) before it moves the room. */
    private static final Duration DRAIN = Duration.ofSeconds(45);

    /** Polls a condition over the live page; a node replaced by a redraw just means "look again". */
    private static void eventually(String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail)
            throws InterruptedException {
        Await.until(what, timeout, () -> {
            try {
                return condition.getAsBoolean();
            } catch (StaleElementReferenceException redrawn) {
                return false;
            }
        }, detail);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theDashboardFollowsADrainWhileTheRoomPageKeepsWorking() throws Exception {
        // The browser first: without one the test fails (or is skipped) before anything else starts.
        try (HeadlessChromium chromium = HeadlessChromium.start(Path.of("target", "browser-logs"));
                DashboardCluster cluster = DashboardCluster.start(3)) {
            cluster.createRoom(ROOM);
            ChromeDriver driver = chromium.driver();
            Set<String> monolithIds = cluster.nodes().stream().map(n -> n.monolith().id().toString()).collect(Collectors.toSet());

            // Two visitors in the room, each in a tab of their own (own session storage, so own token).
            driver.get(cluster.baseUrl() + "/room/" + ROOM);
            RoomPage ada = new RoomPage(driver, driver.getWindowHandle());
            ada.enterAs("Ada");
            driver.switchTo().newWindow(WindowType.TAB);
            driver.get(cluster.baseUrl() + "/room/" + ROOM);
            RoomPage grace = new RoomPage(driver, driver.getWindowHandle());
            grace.enterAs("Grace");
            for (RoomPage visitor : List.of(ada, grace)) {
                eventually("both visitors listed on each room page", SHORT,
                        () -> "connected".equals(visitor.status()) && visitor.users().containsAll(List.of("Ada", "Grace")),
                        () -> visitor.status() + " " + visitor.users());
                visitor.recordStatusChanges();
            }

            // The dashboard, opened the way the local run prints it: the key in the fragment.
            driver.switchTo().newWindow(WindowType.TAB);
            driver.get(cluster.baseUrl() + "/dashboard#key=" + DashboardCluster.API_KEY);
            DashboardPage dashboard = new DashboardPage(driver, driver.getWindowHandle());
            MonolithNode holder = cluster.holderOf(ROOM).orElseThrow();
            String holderId = holder.monolith().id().toString();
            eventually("the dashboard showing three monoliths and the room with its two users", SHORT,
                    () -> "live".equals(dashboard.connectionState()) && Set.copyOf(dashboard.monolithIds()).equals(monolithIds)
                            && holderId.equals(dashboard.holderOf(ROOM)) && dashboard.users(ROOM) == 2,
                    () -> dashboard.connectionState() + " " + dashboard.monolithIds() + " room on " + dashboard.holderOf(ROOM)
                            + " users " + dashboard.users(ROOM));
            assertEquals("", dashboard.fragment(), "the key is taken out of the address bar");
            assertFalse(dashboard.draining(holderId));
            chromium.screenshot(SCREENSHOTS.resolve("dashboard-1-before.png"));

            HttpResponse<String> drain = cluster.drain(holder);
            assertEquals(202, drain.statusCode(), drain.body());
            eventually("the dashboard showing the holder draining", SHORT, () -> dashboard.draining(holderId),
                    () -> dashboard.monolithIds().toString());
            // A message typed while the room is held for its move waits in the balancer and arrives afterwards.
            ada.chat("typed during the drain");
            dashboard.focus();
            eventually("the dashboard showing the room frozen or already moved", DRAIN,
                    () -> dashboard.frozen(ROOM) || !holderId.equals(dashboard.holderOf(ROOM)), () -> dashboard.feed().toString());
            chromium.screenshot(SCREENSHOTS.resolve("dashboard-2-draining.png"));

            eventually("the dashboard showing the room on another monolith", DRAIN, () -> {
                String now = dashboard.holderOf(ROOM);
                return now != null && !now.equals(holderId) && dashboard.rooms(holderId).isEmpty();
            }, () -> "room on " + dashboard.holderOf(ROOM) + "; feed " + dashboard.feed());
            eventually("the move in the activity feed", SHORT,
                    () -> dashboard.feed().stream().anyMatch(l -> l.contains("Room \"" + ROOM + "\" moved")),
                    () -> dashboard.feed().toString());
            String newHolder = dashboard.holderOf(ROOM);
            assertNotEquals(holderId, newHolder);
            assertEquals(cluster.holderOf(ROOM).orElseThrow().monolith().id().toString(), newHolder,
                    "the dashboard names the monolith the balancer routes the room to");
            assertTrue(dashboard.draining(holderId), "the drained monolith is still shown draining");
            eventually("both users shown on the new home", SHORT, () -> dashboard.users(ROOM) == 2,
                    () -> "users " + dashboard.users(ROOM));
            eventually("the drain shown complete", SHORT, () -> dashboard.drainProgress(holderId).startsWith("drained"),
                    () -> dashboard.drainProgress(holderId));
            assertTrue(dashboard.feed().stream().anyMatch(l -> l.contains("is draining")), dashboard.feed().toString());
            assertEquals("1", dashboard.tile("t-moved"), "rooms moved");
            chromium.screenshot(SCREENSHOTS.resolve("dashboard-3-after.png"));

            // The room page kept working: both messages reach the other visitor, and nobody reconnected.
            ada.chat("typed after the drain");
            eventually("Ada's messages on Grace's page", SHORT,
                    () -> grace.chatLog().contains("Ada: typed during the drain") && grace.chatLog().contains("Ada: typed after the drain"),
                    grace::chatLog);
            for (RoomPage visitor : List.of(ada, grace)) {
                assertEquals("connected", visitor.status());
                List<String> log = visitor.statusLog();
                assertTrue(log.stream().allMatch("connected"::equals), "the room page never left \"connected\": " + log);
                assertTrue(visitor.users().containsAll(List.of("Ada", "Grace")), visitor.users().toString());
            }
            grace.focus();
            chromium.screenshot(SCREENSHOTS.resolve("room-after-drain.png"));

            // Losing the balancer is shown at once, not as a silently frozen picture.
            cluster.stopBalancer();
            eventually("the dashboard showing the lost connection", SHORT,
                    () -> "lost".equals(dashboard.connectionState()) && dashboard.lostBannerShown(),
                    dashboard::connectionState);
            assertTrue(dashboard.lostBannerText().contains("Connection to the balancer lost"), dashboard.lostBannerText());
            chromium.screenshot(SCREENSHOTS.resolve("dashboard-4-connection-lost.png"));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void withoutAKeyTheDashboardAsksForOneAndRefusesAWrongOne() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(Path.of("target", "browser-logs"));
                DashboardCluster cluster = DashboardCluster.start(1)) {
            ChromeDriver driver = chromium.driver();
            driver.get(cluster.baseUrl() + "/dashboard");
            DashboardPage dashboard = new DashboardPage(driver, driver.getWindowHandle());
            eventually("the key prompt", SHORT, () -> dashboard.keyFormShown() && "key".equals(dashboard.connectionState()),
                    dashboard::connectionState);

            dashboard.enterKey("not-the-key");
            eventually("the wrong key refused", SHORT, () -> dashboard.keyFormShown() && dashboard.keyError().contains("refused"),
                    dashboard::keyError);
            chromium.screenshot(SCREENSHOTS.resolve("dashboard-0-key-prompt.png"));

            dashboard.enterKey(DashboardCluster.API_KEY);
            String monolith = cluster.nodes().get(0).monolith().id().toString();
            eventually("the cluster shown", SHORT,
                    () -> "live".equals(dashboard.connectionState()) && dashboard.monolithIds().equals(List.of(monolith)),
                    () -> dashboard.connectionState() + " " + dashboard.monolithIds());
            assertFalse(dashboard.keyFormShown());
        }
    }
}
