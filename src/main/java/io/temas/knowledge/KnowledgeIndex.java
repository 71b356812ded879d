package io.temas.knowledge;

import io.temas.platform.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The Lucene index of published articles, derived from the database. It lives in
 * {@code <data-dir>/index/knowledge} (in memory for a throw-away database). Writes are visible
 * to searches as soon as they return (near-real-time reader refreshed before returning); the
 * index is committed to disk in the background and on shutdown, with the highest article revision
 * it holds, so start-up can tell whether it is current or must be rebuilt from the database.
 */
@Component
class KnowledgeIndex implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);

    /** Raised whenever fields or analysis change: an index written by another schema is rebuilt. */
    static final String SCHEMA = "kb-4";

    static final String ID = "id";
    static final String SLUG = "slug";
    static final String LANGUAGE = "lang";
    static final String CATEGORY = "cat";
    static final String VISIBILITY = "vis";
    static final String TITLE = "title";
    static final String TAGS = "tags";
    static final String BODY = "body";
    static final String PREFIXES = TurkicAnalyzer.PREFIX_FIELD;
    static final String HELPFULNESS = "helpfulness";

    /** Stored, analysed, with offsets in the postings so highlighting needs no re-analysis. */
    private static final FieldType HIGHLIGHTED = new FieldType(TextField.TYPE_STORED);

    static {
        HIGHLIGHTED.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        HIGHLIGHTED.freeze();
    }

    /** What the index keeps of an article. */
    record Entry(UUID id, String slug, String language, List<UUID> categoryPath, String visibility, String title, String text,
                 List<String> tags, double helpfulness, long revision) {
    }

    private final TurkicAnalyzer analyzer = new TurkicAnalyzer();
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicLong revision = new AtomicLong();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final boolean createdEmpty;

    KnowledgeIndex(DatabaseSettings settings) {
        try {
            if (settings.ephemeral()) {
                directory = new ByteBuffersDirectory();
            } else {
                Path path = settings.dataDir().toAbsolutePath().normalize().resolve("index").resolve("knowledge");
                Files.createDirectories(path);
                directory = FSDirectory.open(path);
            }
            boolean exists = DirectoryReader.indexExists(directory);
            Map<String, String> data = exists ? committedData(directory) : Map.of();
            boolean current = SCHEMA.equals(data.get("schema"));
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(current ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64);
            writer = new IndexWriter(directory, config);
            createdEmpty = !current;
            revision.set(current ? Long.parseLong(data.getOrDefault("revision", "-1")) : -1);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the knowledge index", e);
        }
    }

    private static Map<String, String> committedData(Directory directory) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.getIndexCommit().getUserData();
        }
    }

    TurkicAnalyzer analyzer() {
        return analyzer;
    }

    /** The highest article revision the index holds; -1 for an index that must be rebuilt. */
    long revision() {
        return createdEmpty && revision.get() < 0 ? -1 : revision.get();
    }

    int size() {
        return writer.getDocStats().numDocs;
    }

    /** Adds or replaces articles and makes them searchable before returning. */
    void put(Collection<Entry> entries) {
        try {
            for (Entry entry : entries) {
                writer.updateDocument(new Term(ID, entry.id().toString()), document(entry));
                revision.accumulateAndGet(entry.revision(), Math::max);
            }
            changed();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index articles", e);
        }
    }

    /** Removes an article (unpublished, archived) and makes that visible before returning. */
    void remove(UUID id, long atRevision) {
        try {
            writer.deleteDocuments(new Term(ID, id.toString()));
            revision.accumulateAndGet(atRevision, Math::max);
            changed();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove article " + id + " from the index", e);
        }
    }

    /** Empties the index, for a rebuild. */
    void clear() {
        try {
            writer.deleteAll();
            revision.set(-1);
            dirty.set(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the knowledge index", e);
        }
    }

    /** Adds many articles without refreshing after each; call {@link #refresh} at the end. */
    void add(List<Entry> entries) {
        try {
            for (Entry entry : entries) {
                writer.addDocument(document(entry));
                revision.accumulateAndGet(entry.revision(), Math::max);
            }
            dirty.set(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index articles", e);
        }
    }

    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the knowledge index", e);
        }
    }

    private void changed() throws IOException {
        dirty.set(true);
        searchers.maybeRefreshBlocking();
    }

    /** Runs a search on the current reader. */
    <T> T search(SearchWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.run(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("knowledge search failed", e);
        }
    }

    interface SearchWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    @Scheduled(fixedDelayString = "${temas.knowledge.commit-interval:10s}")
    void commitIfChanged() {
        if (!dirty.getAndSet(false)) {
            return;
        }
        try {
            writer.setLiveCommitData(Map.of("schema", SCHEMA, "revision", Long.toString(revision.get())).entrySet());
            writer.commit();
        } catch (IOException | RuntimeException e) {
            dirty.set(true);
            log.warn("Could not commit the knowledge index; it is rebuilt at the next start if needed", e);
        }
    }

    @Override
    public void destroy() throws IOException {
        try {
            commitIfChanged();
        } finally {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    private static Document document(Entry entry) {
        Document doc = new Document();
        doc.add(new StringField(ID, entry.id().toString(), Field.Store.YES));
        doc.add(new StoredField(SLUG, entry.slug()));
        doc.add(new StringField(LANGUAGE, entry.language(), Field.Store.YES));
        for (UUID category : entry.categoryPath()) {
            doc.add(new StringField(CATEGORY, category.toString(), Field.Store.NO));
        }
        if (!entry.categoryPath().isEmpty()) {
            doc.add(new StoredField("category", entry.categoryPath().getLast().toString()));
        }
        doc.add(new StringField(VISIBILITY, entry.visibility(), Field.Store.NO));
        doc.add(new Field(TITLE, entry.title(), HIGHLIGHTED));
        doc.add(new Field(BODY, entry.text(), HIGHLIGHTED));
        String tags = String.join(" ; ", entry.tags());
        doc.add(new TextField(TAGS, tags, Field.Store.NO));
        doc.add(new TextField(PREFIXES, entry.title() + " ; " + tags + " ; " + entry.text(), Field.Store.NO));
        doc.add(new NumericDocValuesField(HELPFULNESS, Float.floatToIntBits((float) entry.helpfulness())));
        return doc;
    }
}
