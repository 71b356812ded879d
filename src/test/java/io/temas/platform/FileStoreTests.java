package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTests {

    @Test
    void namesContentByItsSha256EvenWhenManyThreadsHashAtOnce() {
        // echo -n abc | sha256sum; and of nothing
        assertThat(FileStore.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(FileStore.sha256(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        List<String> parallel = IntStream.range(0, 2_000).parallel().mapToObj(i -> FileStore.sha256(("abc" + i % 2).getBytes(StandardCharsets.US_ASCII)))
                .distinct().sorted().toList();
        assertThat(parallel).containsExactly(FileStore.sha256("abc0".getBytes(StandardCharsets.US_ASCII)),
                FileStore.sha256("abc1".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void storesContentOnceUnderItsHash(@TempDir Path root) throws Exception {
        try (FileStore store = new FileStore(root)) {
            String first = store.put("bir".getBytes(StandardCharsets.UTF_8));
            String again = store.put("bir".getBytes(StandardCharsets.UTF_8));

            assertThat(again).isEqualTo(first).isEqualTo(FileStore.sha256("bir".getBytes(StandardCharsets.UTF_8)));
            assertThat(store.get(first)).hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("bir"));
            try (var files = Files.walk(root)) {
                assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
            }
        }
    }
}
