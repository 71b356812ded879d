package io.temas.privacy;

import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.PersonalData;
import io.temas.customers.PersonalRows;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subject-access export (KVKK article 11, GDPR article 15): a zip holding {@code <kind>.json} for every
 * {@link PersonalData} part (rows of every profile in the person's merge group), {@code erasures.json} (the audit of an
 * erasure of the person, when there was one), the files the parts hold (attachments) under their own names, and
 * {@code export.json} saying whose export it is, when it was made and how many rows each part gave.
 */
@Service
public class PersonalDataExport {

    private final Customers customers;
    private final List<PersonalData> parts;
    private final Erasures erasures;
    private final JsonMapper json;
    private final Clock clock;

    PersonalDataExport(Customers customers, List<PersonalData> parts, Erasures erasures, JsonMapper json, Clock clock) {
        this.customers = customers;
        this.parts = parts.stream().sorted(Comparator.comparing(PersonalData::kind)).toList();
        this.erasures = erasures;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Fails before anything is written when there is no such customer, so an adapter can answer 404 before it starts the
     * download.
     *
     * @throws io.temas.customers.CustomerNotFound when no customer has the id
     */
    public void check(CustomerId id) {
        customers.get(id);
    }

    /** Writes the zip; the stream is finished, not closed. */
    @Transactional(readOnly = true)
    public void write(CustomerId id, OutputStream out) {
        customers.get(id);
        List<CustomerId> group = erasures.person(id);
        ZipOutputStream zip = new ZipOutputStream(out);
        try {
            Map<String, Integer> counts = new LinkedHashMap<>();
            Set<String> names = new HashSet<>();
            List<String> files = new ArrayList<>();
            for (PersonalData part : parts) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (CustomerId member : group) {
                    rows.addAll(PersonalRows.plain(part.export(member)));
                }
                counts.merge(part.kind(), rows.size(), Integer::sum);
                entry(zip, names, fileName(part.kind()) + ".json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(rows));
                for (CustomerId member : group) {
                    for (PersonalData.PersonalFile file : part.files(member)) {
                        String name = entry(zip, names, file.name(), file.content().get());
                        files.add(name);
                    }
                }
            }
            List<Object> audit = new ArrayList<>();
            erasures.of(id).ifPresent(audit::add);
            entry(zip, names, "erasures.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(audit));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("customerId", id.value().toString());
            manifest.put("customers", group.stream().map(c -> c.value().toString()).toList());
            manifest.put("exportedAt", clock.instant().toString());
            manifest.put("parts", counts);
            manifest.put("files", files);
            entry(zip, names, "export.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export of " + id, e);
        }
    }

    /** Adds an entry under a name not used yet in this zip (a repeated name gets a number); answers the name used. */
    private static String entry(ZipOutputStream zip, Set<String> names, String name, byte[] content) throws IOException {
        String unique = name;
        for (int n = 2; !names.add(unique); n++) {
            int dot = name.lastIndexOf('.');
            unique = dot > name.lastIndexOf('/') ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
        }
        zip.putNextEntry(new ZipEntry(unique));
        zip.write(content);
        zip.closeEntry();
        return unique;
    }

    static String fileName(String kind) {
        String name = kind.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "part" + name : name;
    }
}
