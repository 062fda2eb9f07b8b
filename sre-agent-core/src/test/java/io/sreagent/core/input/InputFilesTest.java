package io.sreagent.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsARegularUtf8File() throws Exception {
        Path f = Files.writeString(dir.resolve("a.yaml"), "\uFEFFname: caf\u00e9\n");
        assertThat(InputFiles.readString(f, 1024)).isEqualTo("name: caf\u00e9\n");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void refusesAFifoWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("logs.json");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(p.waitFor()).as("mkfifo is available").isZero();
        assertThatThrownBy(() -> InputFiles.readString(fifo, 1024)).isInstanceOf(InputException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void refusesALinkToADeviceAndALoopingLink() throws Exception {
        assumeThat(Files.exists(Path.of("/dev/zero"))).isTrue();
        Path zero = Files.createSymbolicLink(dir.resolve("metrics.om"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> InputFiles.readString(zero, 1024)).isInstanceOf(InputException.class)
                .hasMessageContaining("not a regular file");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertThatThrownBy(() -> InputFiles.readString(a, 1024)).isInstanceOf(InputException.class)
                .hasMessageContaining("cannot read").hasMessageContaining(a.toString());
    }

    @Test
    void namesADirectoryAMissingFileAndTheSizeLimit() throws Exception {
        assertThatThrownBy(() -> InputFiles.readString(dir, 1024)).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> InputFiles.readString(dir.resolve("nope"), 1024)).hasMessageContaining("does not exist");
        Path big = Files.write(dir.resolve("big"), new byte[2048]);
        assertThatThrownBy(() -> InputFiles.readString(big, 1024)).hasMessageContaining("2048 bytes")
                .hasMessageContaining("limit is 1024");
    }

    @Test
    void saysWhereAFileIsNotUtf8WithoutEchoingIt() throws Exception {
        byte[] latin1 = "name: ok\nmessage: ghp_secret caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("scenario.yaml"), latin1);
        assertThatThrownBy(() -> InputFiles.readString(f, 1024)).isInstanceOf(InputException.class)
                .hasMessageContaining("not UTF-8").hasMessageContaining("line 2, column 24")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_secret"));
    }

    @Test
    void saysPermissionDenied() throws Exception {
        Path f = Files.writeString(dir.resolve("c.yaml"), "x: 1");
        assumeThat(f.toFile().setReadable(false, false) && !Files.isReadable(f))
                .as("permissions are enforced (not running as root)").isTrue();
        assertThatThrownBy(() -> InputFiles.readString(f, 1024)).hasMessageContaining("permission denied");
    }
}
