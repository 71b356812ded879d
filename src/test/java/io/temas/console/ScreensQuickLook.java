package io.temas.console;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Browser;

/** Screenshots of a running instance: java ... ScreensQuickLook <port> <user> <password> <path>... */
public class ScreensQuickLook {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        try (BrowserContext context = Browser.context()) {
            Page page = Browser.signIn(context, port, args[1], args[2]);
            for (int i = 3; i < args.length; i++) {
                page.navigate("http://localhost:" + port + args[i]);
                Browser.screenshot(page, "look-" + i);
            }
        }
        System.exit(0);
    }
}
