package io.temas.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.api.ApiScope;
import io.temas.api.ApiTokens;
import io.temas.customers.CustomerId;
import io.temas.platform.FileStore;
import io.temas.support.Api;
import io.temas.support.ChatVisitor;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import io.temas.support.Visitor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person who wrote by e-mail (with an attachment), SMS, chat and the web form, was merged, consented, was sent a
 * campaign, answered a survey, booked a callback and was put on do-not-contact: exported as a zip, then erased, after
 * which every text, varchar, jsonb and bytea column of every table and every stored file is searched for their
 * e-mail address and phone number in each spelling, and nothing is found. A table added later that keeps the person
 * fails here with its name and column until its module adds a {@code PersonalData} part.
 */
@TemasIntegrationTest
class ErasureIntegrationTests {

    private static final Pattern SURVEY_LINK = Pattern.compile("https?://[^/\\s]+(/survey/s/[A-Za-z0-9_.-]+)\\?score=(\\d)");
    private static final AtomicInteger CLIENTS = new AtomicInteger(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Erasures erasures;

    @Autowired
    io.temas.inbound.Quarantine quarantine;

    @Autowired
    List<io.temas.customers.PersonalData> parts;

    @Autowired
    FileStore files;

    @Autowired
    ApiTokens tokens;

    Api api;

    /** The person: an e-mail address as they write it and as stored, a phone number as they write it and as stored. */
    record Person(String email, String emailWritten, String phone, String phoneWritten, String name) {

        List<String> needles() {
            return List.of(email, emailWritten, phone, phone.substring(1), phoneWritten, "0" + phone.substring(3),
                    phoneWritten.replace(" ", ""));
        }
    }

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void anErasedPersonIsFoundInNoTableAndNoFile() throws Exception {
        Person person = person();
        Built built = everywhere(person);

        byte[] zip = download("/api/v1/customers/" + built.customerId() + "/export");
        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries).containsKeys("export.json", "customer.json", "conversations.json", "outbox.json", "inbound.json",
                "consents.json", "campaigns.json", "surveys.json", "chat.json", "calls.json", "merges.json", "timeline.json");
        assertThat(text(entries, "customer.json")).contains(person.email()).contains(person.phone());
        assertThat(text(entries, "conversations.json")).contains("Fatura itirazı").contains("Ekteki dekontta");
        assertThat(text(entries, "consents.json")).contains("\"granted\" : false");
        assertThat(text(entries, "surveys.json")).contains("Çok yavaştı");
        assertThat(text(entries, "chat.json")).contains("Sohbetten yazıyorum");
        String attachment = entries.keySet().stream().filter(n -> n.startsWith("attachments/") && n.endsWith("dekont.txt")).findFirst()
                .orElseThrow(() -> new AssertionError("no attachment in " + entries.keySet()));
        assertThat(text(entries, attachment)).isEqualTo(built.attachmentText());
        JsonNode manifest = JSON.readTree(entries.get("export.json"));
        assertThat(manifest.at("/customers").size()).as("the merged profile and the chat visitor's come with the survivor").isEqualTo(3);
        assertThat(manifest.at("/parts/conversations").asInt()).isGreaterThanOrEqualTo(3);

        Api.Response erased = api.post("/api/v1/customers/" + built.customerId() + "/erase",
                "{\"reason\":\"KVKK başvurusu 2026/17, " + person.emailWritten() + " adresinden\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().at("/repeated").asBoolean()).isFalse();
        assertThat(erased.json().at("/customers").size()).isEqualTo(3);
        assertThat(erased.json().at("/parts/conversations").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(erased.json().at("/parts/customer").asInt()).as("two profiles and their identities").isGreaterThanOrEqualTo(4);
        assertThat(erased.text("/reason")).as("the reason keeps no address").isEqualTo("KVKK başvurusu 2026/17, [erased] adresinden");

        List<String> found = scan(person);
        assertThat(found).as("the person's e-mail address or phone number is still stored").isEmpty();
        assertThat(files.get(built.attachmentSha())).as("the attachment's file is deleted").isEmpty();

        // Kept: the fact of the withdrawal, the survey's score, the conversations' figures.
        assertThat(jdbc.sql("select count(*) from consents where customer_id = ? and granted = false").param(built.customerId())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select csat from surveys where customer_id = ?").param(built.customerId()).query(Integer.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from conversations where customer_id = ?").param(built.customerId()).query(Integer.class)
                .single()).isGreaterThanOrEqualTo(3);

        Api.Response again = api.post("/api/v1/customers/" + built.absorbedId() + "/erase", "{\"reason\":\"ikinci istek\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().at("/repeated").asBoolean()).as("the absorbed profile was erased with its survivor").isTrue();
        assertThat(again.text("/id")).isEqualTo(erased.text("/id"));
        assertThat(jdbc.sql("select count(*) from erasures where customers @> array[?]::uuid[]").param(built.customerId())
                .query(Integer.class).single()).as("one audit record").isEqualTo(1);

        Api.Response audit = api.get("/api/v1/erasures/" + erased.text("/id"));
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.text("/actor")).isNotBlank();
        assertThat(audit.json().at("/parts").has("campaigns")).isTrue();
        assertThat(api.get("/api/v1/erasures").body()).contains(erased.text("/id"));

        // A person who writes again after the erasure is somebody new.
        Api.Response back = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<%s@example.com>","from":{"email":"%s"},"text":"Yine ben"}"""
                .formatted(UUID.randomUUID(), person.email()));
        assertThat(back.status()).as(back.body()).isLessThan(300);
        assertThat(back.text("/customerId")).isNotEqualTo(built.customerId().toString());
        // ...and recognised: the new profile's address belonged to the person erased.
        assertThat(erasures.erasedBefore(new CustomerId(UUID.fromString(back.text("/customerId"))))).get()
                .extracting(Erasure::id).hasToString(erased.text("/id"));
        assertThat(erasures.erasedBefore(new CustomerId(built.customerId()))).as("the erased profile itself is not someone coming back").isEmpty();
    }

    @Test
    void everyPartIsNamedInTheReadersLanguage() throws IOException {
        java.util.Properties turkish = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/i18n/privacy.properties")) {
            turkish.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(parts).extracting(io.temas.customers.PersonalData::kind).hasSizeGreaterThan(15)
                .allSatisfy(kind -> assertThat(turkish).containsKey("privacy.kind." + kind));
    }

    /**
     * A quarantined payload goes with the person only where it names their address whole: not one naming a longer address
     * that ends in it, nor one on a longer domain; and it is found in a payload that is not UTF-8 too.
     */
    @Test
    void quarantinedPayloadsGoOnlyWhereTheyNameThePersonWhole() throws Exception {
        String email = unique("karantina") + "@example.com";
        String customer = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<%s@example.com>","from":{"email":"%s"},"text":"Merhaba"}"""
                .formatted(UUID.randomUUID(), email)).text("/customerId");
        java.nio.charset.Charset latin5 = java.nio.charset.Charset.forName("ISO-8859-9");
        UUID own = kept(("From: Ayşe <" + email + ">\r\n\r\nMerhaba").getBytes(StandardCharsets.UTF_8));
        UUID ownLatin5 = kept(("Kimden: Ayşe Yılmaz " + email + ", teşekkürler").getBytes(latin5));
        UUID longer = kept(("From: <m" + email + ">\r\n\r\nMerhaba").getBytes(StandardCharsets.UTF_8));
        UUID longerLatin5 = kept(("Kimden: ş" + email + " ğ").getBytes(latin5));
        UUID otherDomain = kept(("From: <" + email + ".tr>").getBytes(StandardCharsets.UTF_8));
        String inbound = text(unzip(download("/api/v1/customers/" + customer + "/export")), "inbound.json");
        assertThat(inbound.split("\"record\" : \"quarantine\"", -1)).as("the export holds the two payloads that name the person")
                .hasSize(3);

        Api.Response erased = api.post("/api/v1/customers/" + customer + "/erase", "{\"reason\":\"istek\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);

        List<UUID> left = jdbc.sql("select id from quarantine where id = any(?)")
                .param(new UUID[] {own, ownLatin5, longer, longerLatin5, otherDomain}).query(UUID.class).list();
        assertThat(left).containsExactlyInAnyOrder(longer, longerLatin5, otherDomain);
    }

    private UUID kept(byte[] payload) {
        return quarantine.keep("email", "fatura@ornek.com.tr", "<" + UUID.randomUUID() + "@example.com>", "test", "message/rfc822",
                payload);
    }

    @Test
    void erasureNeedsAReasonAKnownCustomerAndTheAdminScope() {
        String customer = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<%s@example.com>","from":{"email":"%s@example.com"},"text":"Merhaba"}"""
                .formatted(UUID.randomUUID(), unique("neden"))).text("/customerId");

        Api.Response missing = api.post("/api/v1/customers/" + customer + "/erase", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).contains("application/problem+json");
        assertThat(missing.body()).contains("reason");
        assertThat(api.post("/api/v1/customers/" + customer + "/erase", "{\"reason\":\"   \"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/customers/" + customer + "/erase", "{\"reason\":\"a\\u0000b\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/customers/" + customer + "/erase", "{\"reason\":\"" + "x".repeat(501) + "\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/customers/" + customer + "/erase", "{\"reason\":42}").status()).isEqualTo(400);

        UUID unknown = UUID.randomUUID();
        Api.Response notFound = api.post("/api/v1/customers/" + unknown + "/erase", "{\"reason\":\"istek\"}");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.contentType()).contains("application/problem+json");
        Api.Response noExport = api.get("/api/v1/customers/" + unknown + "/export");
        assertThat(noExport.status()).isEqualTo(404);
        assertThat(noExport.contentType()).contains("application/problem+json");
        assertThat(api.get("/api/v1/erasures/" + unknown).status()).isEqualTo(404);

        Api write = api.withToken(tokens.issue(unique("yazma"), Set.of(ApiScope.WRITE)).value());
        assertThat(write.post("/api/v1/customers/" + customer + "/erase", "{\"reason\":\"istek\"}").status()).isEqualTo(403);
        assertThat(write.get("/api/v1/customers/" + customer + "/export").status()).isEqualTo(403);
        assertThat(write.get("/api/v1/erasures").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/" + customer).text("/displayName")).as("nothing was erased").isNull();
        assertThat(jdbc.sql("select count(*) from identities where customer_id = ?").param(UUID.fromString(customer)).query(Integer.class)
                .single()).isEqualTo(1);
    }

    // --- the person everywhere ---

    record Built(UUID customerId, UUID absorbedId, String attachmentText, String attachmentSha) {
    }

    private Built everywhere(Person person) throws Exception {
        // E-mail through the API, raw, with a text attachment that names the person.
        String attachmentText = "Dekont: " + person.name() + ", " + person.email() + ", tel " + person.phoneWritten() + " " + unique("d");
        byte[] raw = """
                From: %s <%s>
                To: fatura@ornek.com.tr
                Subject: Fatura itirazı %s
                Message-ID: <%s@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="sinir"

                --sinir
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Ekteki dekontta hata var. Beni %s numarasından arayabilirsiniz.
                --sinir
                Content-Type: text/plain; charset=utf-8; name="dekont.txt"
                Content-Disposition: attachment; filename="dekont.txt"
                Content-Transfer-Encoding: 8bit

                %s
                --sinir--
                """.formatted(person.name(), person.emailWritten(), person.emailWritten(), unique("kvkk"), person.phoneWritten(), attachmentText)
                .replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        Api.Response mail = api.postRaw("/api/v1/inbound/email?entryPoint=fatura@ornek.com.tr", "message/rfc822", raw);
        assertThat(mail.status()).as(mail.body()).isLessThan(300);
        UUID customer = UUID.fromString(mail.text("/customerId"));
        String mailConversation = mail.text("/conversationId");
        String sha = jdbc.sql("select a.sha256 from attachments a join messages m on m.id = a.message_id where m.conversation_id = ?")
                .param(UUID.fromString(mailConversation)).query(String.class).single();
        Api.Response reply = api.post("/api/v1/conversations/" + mailConversation + "/messages",
                "{\"text\":\"Merhaba " + person.name() + ", dekontu inceledik.\"}");
        assertThat(reply.status()).as(reply.body()).isIn(200, 201, 202);

        // An SMS from the phone number alone: a profile of its own, merged in by hand below.
        Api.Response sms = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":"E-postam %s"}"""
                .formatted(UUID.randomUUID(), person.phoneWritten(), person.email()));
        assertThat(sms.status()).as(sms.body()).isLessThan(300);
        UUID absorbed = UUID.fromString(sms.text("/customerId"));
        assertThat(absorbed).isNotEqualTo(customer);
        Api.Response merged = api.post("/api/v1/customers/" + customer + "/merge",
                "{\"otherCustomerId\":\"" + absorbed + "\",\"reason\":\"aynı kişi: " + person.phone() + "\"}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(201);

        // The help centre's contact form.
        HttpResponse<String> form = new Visitor(port, "198.51.100." + CLIENTS.incrementAndGet()).submit("/portal/contact", "/portal/contact",
                Map.of("name", person.name(), "email", person.emailWritten(), "phone", person.phoneWritten(), "subject", "Formdan",
                        "message", "Formdan yazıyorum, " + person.phoneWritten()));
        assertThat(form.statusCode()).as(form.body()).isLessThan(400);

        // A chat that reaches an agent.
        String chatEntry = chatEntryPoint();
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            assertThat(visitor.start("{\"entryPoint\":\"" + chatEntry + "\",\"name\":\"" + person.name() + "\",\"email\":\""
                    + person.emailWritten() + "\",\"language\":\"tr\"}").status()).isEqualTo(201);
            visitor.listen(0);
            assertThat(visitor.say("Sohbetten yazıyorum, telefonum " + person.phoneWritten() + ", temsilci lütfen").status()).isEqualTo(202);
            visitor.await(ChatVisitor.type("handoff", null));
        }

        // Consent granted, a campaign e-mail sent on it, then withdrawn; do-not-contact with a reason naming the number.
        assertThat(api.post("/api/v1/customers/" + customer + "/consents", """
                {"address":"%s","channel":"email","purpose":"commercial","granted":true,"source":"form: %s"}"""
                .formatted(person.email(), person.emailWritten())).status()).isEqualTo(201);
        campaignMail(customer);
        assertThat(api.post("/api/v1/customers/" + customer + "/consents", """
                {"address":"%s","channel":"email","purpose":"commercial","granted":false,"source":"unsubscribe link"}"""
                .formatted(person.email())).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/customers/" + customer + "/do-not-contact", """
                {"channel":"sms","reason":"asked by phone from %s"}""".formatted(person.phone())).status()).isEqualTo(201);

        // A callback booked on the number.
        callback(person, customer);

        // An event from another system naming the person.
        Api.Response event = api.post("/api/v1/customer-events", """
                {"type":"branch_visit","at":"2026-12-01T10:00:00Z","sourceId":"%s","identifiers":{"email":"%s","phone":"%s"},
                 "attributes":{"note":"%s"}}""".formatted(unique("olay"), person.emailWritten(), person.phoneWritten(), person.email()));
        assertThat(event.status()).as(event.body()).isEqualTo(200);

        // The e-mail conversation resolved; the survey it sends answered with a comment.
        assertThat(api.post("/api/v1/conversations/" + mailConversation + "/status", "{\"status\":\"resolved\"}").status()).isEqualTo(200);
        String body = jdbc.sql("""
                        select body from outbox where conversation_id = ? and headers->>'X-Temas-Kind' = 'survey'""")
                .param(UUID.fromString(mailConversation)).query(String.class).single();
        Matcher link = SURVEY_LINK.matcher(body);
        assertThat(link.find()).isTrue();
        Console.Page answered = Console.anonymous(port).post(link.group(1), "",
                Map.of("csat", "2", "ces", "5", "comment", "Çok yavaştı. " + person.email() + " / " + person.phoneWritten()));
        assertThat(answered.status()).isEqualTo(200);

        assertThat(jdbc.sql("select count(*) from conversations where customer_id = ?").param(customer).query(Integer.class).single())
                .as("e-mail (with the web form's), SMS and chat conversations").isGreaterThanOrEqualTo(3);
        return new Built(customer, absorbed, attachmentText, sha);
    }

    private void campaignMail(UUID customer) {
        String code = "KVKK" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        Api.Response created = api.post("/api/v1/campaigns", """
                {"name":"Gizlilik %s","code":"%s","offer":"Teklif","channels":["email"],
                 "startsAt":"2026-01-01T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","entryPoints":[]}""".formatted(code, code));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response plan = api.post("/api/v1/campaigns/" + created.text("/id") + "/sends", """
                {"channel":"email","subject":"Size özel","text":"Merhaba, size özel bir teklifimiz var.","audience":{"customerIds":["%s"]}}"""
                .formatted(customer));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        assertThat(plan.json().at("/allowed").asInt()).as(plan.body()).isEqualTo(1);
        Api.Response confirmed = api.post("/api/v1/campaigns/" + created.text("/id") + "/sends/" + plan.text("/sendId") + "/confirm", "{}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    }

    private void callback(Person person, UUID customer) {
        for (int day = 1; day <= 14; day++) {
            JsonNode slots = api.get("/api/v1/callbacks/slots?date=" + LocalDate.now().plusDays(day)).json();
            if (slots != null && slots.at("/slots").size() > 0) {
                Api.Response booked = api.post("/api/v1/callbacks", """
                        {"phone":"%s","slot":"%s","note":"%s arayın","email":"%s","customerId":"%s"}"""
                        .formatted(person.phoneWritten(), slots.at("/slots/0/start").asString(), person.phoneWritten(), person.email(), customer));
                assertThat(booked.status()).as(booked.body()).isEqualTo(201);
                return;
            }
        }
        throw new AssertionError("no callback slot offered in two weeks");
    }

    private String chatEntryPoint() {
        String queue = "Gizlilik " + UUID.randomUUID();
        String entryPoint = "gizlilik-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"chat\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);
        return entryPoint;
    }

    // --- the scan ---

    /**
     * Every text, varchar, json, jsonb, array and bytea column of every table in the schema, and every file in the file
     * store, searched for each spelling of the person's addresses; answers where they were found ({@code table.column}).
     */
    private List<String> scan(Person person) throws IOException {
        List<String> needles = person.needles().stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                        select c.table_name, c.column_name, c.data_type from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')
                        order by c.table_name, c.column_name""")
                .query().listOfRows();
        assertThat(columns).as("the scan reads the schema").hasSizeGreaterThan(100);
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            String ref = "\"" + name + "\"";
            // Bytes are read as text with every byte outside ASCII escaped ('escape' encoding), so a payload that is not valid
            // UTF-8 is still searched, and without case: the needles are ASCII.
            String value = "bytea".equals(column.get("data_type")) ? "encode(" + ref + ", 'escape')" : ref + "::text";
            String where = " where strpos(lower(" + value + "), ?) > 0";
            for (String needle : needles) {
                int hits = jdbc.sql("select count(*) from \"" + table + "\"" + where).param(needle).query(Integer.class).single();
                if (hits > 0) {
                    String sample = jdbc.sql("select left(row_to_json(t)::text, 400) from \"" + table + "\" t" + where + " limit 1")
                            .param(needle).query(String.class).optional().orElse("");
                    found.add(table + "." + name + " holds '" + needle + "' in " + hits + " row(s), e.g. " + sample);
                }
            }
        }
        try (Stream<Path> paths = Files.walk(files.root())) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                for (String needle : needles) {
                    if (content.contains(needle)) {
                        found.add("file " + files.root().relativize(path) + " holds '" + needle + "'");
                    }
                }
            }
        }
        return found;
    }

    // --- helpers ---

    private byte[] download(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TemasIntegrationTest.ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".zip");
        return response.body();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static String text(Map<String, byte[]> entries, String name) {
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }

    static Person person() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String digits = String.valueOf(1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
        String phone = "+90532" + digits;
        String written = "0532 " + digits.substring(0, 3) + " " + digits.substring(3, 5) + " " + digits.substring(5);
        return new Person("gizli." + suffix + "@example.com", "Gizli." + suffix.toUpperCase(Locale.ROOT) + "@Example.com", phone, written,
                "Deniz Gizli " + suffix);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
