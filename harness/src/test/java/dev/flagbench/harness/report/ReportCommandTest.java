package dev.flagbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void report_regeneratesFromRunJsonAlone_andPrintsReportMd() throws IOException {
        Path runJson = ReportFixture.copyTo(dir);
        StringWriter out = new StringWriter();
        int code = new CommandLine(new ReportCommand()).setOut(new PrintWriter(out, true)).execute(runJson.toString());
        assertThat(code).as("exit code").isZero();
        assertThat(out.toString().strip()).as("prints report.md's path").isEqualTo(dir.resolve("report.md").toString());
        assertThat(dir.resolve("index.html")).as("index.html beside it").isRegularFile();
        assertThat(dir.resolve("charts/flags-throughput.svg")).as("and the charts").isRegularFile();
    }

    @Test
    void report_ofARunFolder_readsItsRunJson() throws IOException {
        ReportFixture.copyTo(dir);
        StringWriter out = new StringWriter();

        int code = new CommandLine(new ReportCommand()).setOut(new PrintWriter(out, true)).execute(dir.toString());

        assertThat(code).as("a run's folder is as good as its run.json").isZero();
        assertThat(dir.resolve("report.md")).as("the report is written into it").isRegularFile();
    }

    @Test
    void report_ofAMissingFile_exitsTwo_namingIt() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ReportCommand()).setErr(new PrintWriter(err, true))
                .execute(dir.resolve("none.json").toString());
        assertThat(code).as("bad input").isEqualTo(2);
        assertThat(err.toString()).as("names the file").contains("none.json");
        assertThat(Files.exists(dir.resolve("report.md"))).as("nothing written").isFalse();
    }
}
