package org.ottbalancer.e2e.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * One visitor's tab with the sample monolith's room page. After joining, every change of the
 * page's status line is recorded in the page itself, so that a reconnect ("connection lost …;
 * reconnecting") cannot go unnoticed between two looks.
 */
final class RoomPage {
    private static final String RECORD_STATUS = """
            window.ottStatusLog = [document.getElementById('status').textContent];
            new MutationObserver(() => window.ottStatusLog.push(document.getElementById('status').textContent))
                .observe(document.getElementById('status'), { childList: true, characterData: true, subtree: true });
            """;

    private final WebDriver driver;
    private final String handle;

    RoomPage(WebDriver driver, String handle) {
        this.driver = driver;
        this.handle = handle;
    }

    RoomPage focus() {
        driver.switchTo().window(handle);
        return this;
    }

    void enterAs(String name) {
        focus();
        WebElement input = driver.findElement(By.id("name-input"));
        input.clear();
        input.sendKeys(name);
        driver.findElement(By.cssSelector("#name-form button")).click();
    }

    String status() {
        return focus().driver.findElement(By.id("status")).getText();
    }

    void recordStatusChanges() {
        ((JavascriptExecutor) focus().driver).executeScript(RECORD_STATUS);
    }

    @SuppressWarnings("unchecked")
    List<String> statusLog() {
        Object log = ((JavascriptExecutor) focus().driver).executeScript("return window.ottStatusLog || [];");
        return new ArrayList<>((List<String>) log);
    }

    List<String> users() {
        List<String> names = new ArrayList<>();
        for (WebElement li : focus().driver.findElements(By.cssSelector("#users li"))) {
            names.add(li.getText());
        }
        return names;
    }

    void chat(String text) {
        focus();
        WebElement input = driver.findElement(By.id("chat-input"));
        input.sendKeys(text);
        driver.findElement(By.cssSelector("#chat-form button")).click();
    }

    String chatLog() {
        return focus().driver.findElement(By.id("chat-log")).getText();
    }
}
