package org.jwsk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void version_printsBuildJdkAndOs() {
        Result r = run("version");
        assertEquals(0, r.status());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("jwsk \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines[0]);
        assertTrue(lines[1].startsWith("java " + Runtime.version()), lines[1]);
        assertTrue(lines[2].startsWith("os   Linux"), lines[2]);
    }

    @Test
    void noArguments_printsUsage() {
        Result r = run();
        assertEquals(0, r.status());
        assertTrue(r.out().contains("Usage: jwsk"), r.out());
        assertTrue(r.out().contains("version"), r.out());
    }

    @Test
    void unknownCommand_isAUsageError() {
        Result r = run("frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Unmatched argument"), r.err());
    }

    @Test
    void bench_listsItsSuites_andRefusesUnknownNames() {
        Result list = run("bench", "--list");
        assertEquals(0, list.status());
        assertTrue(list.out().contains("checksum") && list.out().contains("tap-rx"), list.out());
        Result unknown = run("bench", "no-such-benchmark", "--runs", "1");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("no benchmark named 'no-such-benchmark'"), unknown.err());
    }
}
