package org.jwsk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jwsk version}: what this build is and what it runs on. */
@Command(name = "version", description = "Print jwsk's version, the JDK and the operating system.")
final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        for (String line : lines()) {
            spec.commandLine().getOut().println(line);
        }
    }

    static String[] lines() {
        Runtime.Version jdk = Runtime.version();
        return new String[] {
                "jwsk " + jwskVersion(),
                "java " + jdk + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")",
                "os   " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cpus"
        };
    }

    static String jwskVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "(unknown: version.properties missing from the build)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(unknown)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Supplies {@code jwsk --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines();
        }
    }
}
