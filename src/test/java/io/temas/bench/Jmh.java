package io.temas.bench;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Runs JMH ({@link org.openjdk.jmh.Main}) with the given arguments when started from a class
 * loader that is not the JVM's class path, as {@code exec:java} does: JMH starts each fork with
 * {@code java.class.path}, which would otherwise be the build tool's own. Without arguments it
 * runs every benchmark in the project.
 */
public final class Jmh {

    private Jmh() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = Jmh.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        entries.add(file(url));
                    }
                }
            }
        }
        String current = System.getProperty("java.class.path", "");
        if (!entries.isEmpty()) {
            if (!current.isBlank()) {
                for (String entry : current.split(File.pathSeparator)) {
                    if (entry.contains("plexus-classworlds") || entry.contains("maven-wrapper")) {
                        continue;
                    }
                    entries.add(entry);
                }
            }
            System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
        }
        org.openjdk.jmh.Main.main(args);
    }

    private static String file(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.getPath();
        }
    }
}
