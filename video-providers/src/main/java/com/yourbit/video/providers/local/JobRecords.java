package com.yourbit.video.providers.local;

import com.yourbit.video.providers.local.objects.ObjectStore;
import com.yourbit.video.providers.local.objects.StoredObject;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where the small records of unfinished jobs live ({@link MediaJobs}, {@link MediaExtrasJobs},
 * {@link IngestJobs}): files in a directory, or objects under a key prefix so every node sees
 * them. A record is written whole: a crash leaves the old one or the new.
 */
interface JobRecords {

    Optional<Properties> read(String name) throws IOException;

    void write(String name, Properties record) throws IOException;

    boolean exists(String name) throws IOException;

    void delete(String name) throws IOException;

    /** The names ending in {@code suffix}, without it. */
    List<String> names(String suffix) throws IOException;

    /** Files in {@code dir}: written to a temporary file, forced, then renamed. */
    static JobRecords in(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new JobRecords() {
            @Override
            public Optional<Properties> read(String name) throws IOException {
                try (Reader in = Files.newBufferedReader(dir.resolve(name))) {
                    Properties record = new Properties();
                    record.load(in);
                    return Optional.of(record);
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                }
            }

            @Override
            public void write(String name, Properties record) throws IOException {
                String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                Path tmp = Files.createTempFile(dir, id, ".tmp");
                try (Writer out = Files.newBufferedWriter(tmp)) {
                    record.store(out, null);
                }
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.READ)) {
                    channel.force(true);
                }
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            public boolean exists(String name) {
                return Files.exists(dir.resolve(name));
            }

            @Override
            public void delete(String name) throws IOException {
                Files.deleteIfExists(dir.resolve(name));
            }

            @Override
            public List<String> names(String suffix) throws IOException {
                List<String> names = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix))
                            .forEach(n -> names.add(n.substring(0, n.length() - suffix.length())));
                }
                return names;
            }
        };
    }

    /** Objects under {@code prefix}: a PUT replaces an object whole. */
    static JobRecords in(ObjectStore store, String prefix) {
        return new JobRecords() {
            @Override
            public Optional<Properties> read(String name) throws IOException {
                Optional<byte[]> bytes = store.bytes(prefix + name);
                if (bytes.isEmpty()) {
                    return Optional.empty();
                }
                Properties record = new Properties();
                record.load(new StringReader(new String(bytes.get(), StandardCharsets.UTF_8)));
                return Optional.of(record);
            }

            @Override
            public void write(String name, Properties record) throws IOException {
                StringWriter text = new StringWriter();
                record.store(text, null);
                store.put(prefix + name, text.toString().getBytes(StandardCharsets.UTF_8), Map.of());
            }

            @Override
            public boolean exists(String name) throws IOException {
                return store.head(prefix + name).isPresent();
            }

            @Override
            public void delete(String name) throws IOException {
                store.delete(prefix + name);
            }

            @Override
            public List<String> names(String suffix) throws IOException {
                List<String> names = new ArrayList<>();
                for (StoredObject object : store.list(prefix)) {
                    String name = object.key().substring(prefix.length());
                    if (name.endsWith(suffix) && !name.contains("/")) {
                        names.add(name.substring(0, name.length() - suffix.length()));
                    }
                }
                return names;
            }
        };
    }
}
