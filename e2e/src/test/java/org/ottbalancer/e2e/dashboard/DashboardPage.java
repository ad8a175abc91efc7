package org.ottbalancer.e2e.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What a person sees on the dashboard tab, read through the page's data attributes and texts. */
final class DashboardPage {
    private final WebDriver driver;
    private final String handle;

    DashboardPage(WebDriver driver, String handle) {
        this.driver = driver;
        this.handle = handle;
    }

    /** Makes the dashboard the current tab (for reading it and for screenshots). */
    DashboardPage focus() {
        driver.switchTo().window(handle);
        return this;
    }

    String connectionState() {
        return focus().driver.findElement(By.id("connection")).getAttribute("data-state");
    }

    boolean lostBannerShown() {
        return focus().driver.findElement(By.id("lost")).isDisplayed();
    }

    String lostBannerText() {
        return focus().driver.findElement(By.id("lost")).getText();
    }

    boolean keyFormShown() {
        return focus().driver.findElement(By.id("keyform")).isDisplayed();
    }

    String keyError() {
        return focus().driver.findElement(By.id("key-error")).getText();
    }

    /** Types {@code key} into the key prompt and submits it. */
    void enterKey(String key) {
        focus();
        WebElement input = driver.findElement(By.id("key"));
        input.clear();
        input.sendKeys(key);
        driver.findElement(By.cssSelector("#keyform button")).click();
    }

    String fragment() {
        return (String) ((JavascriptExecutor) focus().driver).executeScript("return location.hash;");
    }

    List<String> monolithIds() {
        List<String> ids = new ArrayList<>();
        for (WebElement card : focus().driver.findElements(By.cssSelector(".card[data-monolith]"))) {
            ids.add(card.getAttribute("data-monolith"));
        }
        return ids;
    }

    private WebElement card(String monolithId) {
        List<WebElement> cards = focus().driver.findElements(By.cssSelector(".card[data-monolith='" + monolithId + "']"));
        return cards.isEmpty() ? null : cards.get(0);
    }

    boolean draining(String monolithId) {
        WebElement card = card(monolithId);
        return card != null && "true".equals(card.getAttribute("data-draining"));
    }

    /** The names of the rooms the card shows. */
    List<String> rooms(String monolithId) {
        WebElement card = card(monolithId);
        if (card == null) {
            return List.of();
        }
        String names = card.getAttribute("data-rooms");
        return names == null || names.isBlank() ? List.of() : Arrays.asList(names.trim().split(" "));
    }

    /** The id of the card that shows {@code room}, or null. */
    String holderOf(String room) {
        for (String id : monolithIds()) {
            if (rooms(id).contains(room)) {
                return id;
            }
        }
        return null;
    }

    /** The user count the room's row shows, or -1 when no card shows the room. */
    int users(String room) {
        List<WebElement> rows = focus().driver.findElements(By.cssSelector(".room[data-room='" + room + "']"));
        return rows.isEmpty() ? -1 : Integer.parseInt(rows.get(0).getAttribute("data-users"));
    }

    boolean frozen(String room) {
        List<WebElement> rows = focus().driver.findElements(By.cssSelector(".room[data-room='" + room + "']"));
        return !rows.isEmpty() && "true".equals(rows.get(0).getAttribute("data-frozen"));
    }

    /** The text of the card's drain progress line, or "" when it shows none. */
    String drainProgress(String monolithId) {
        WebElement card = card(monolithId);
        if (card == null) {
            return "";
        }
        List<WebElement> lines = card.findElements(By.cssSelector("[data-drain]"));
        return lines.isEmpty() ? "" : lines.get(0).getText();
    }

    List<String> feed() {
        List<String> lines = new ArrayList<>();
        for (WebElement li : focus().driver.findElements(By.cssSelector("#feed li"))) {
            lines.add(li.getText());
        }
        return lines;
    }

    String tile(String id) {
        return focus().driver.findElement(By.id(id)).getText();
    }
}
