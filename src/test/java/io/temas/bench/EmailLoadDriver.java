package io.temas.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.temas.TemasApplication;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures the e-mail channel end to end: (1) an IMAP mailbox holding {@code bench.mails}
 * messages (GreenMail, on loopback) is fetched by Temas until every message is a committed
 * conversation message; (2) the mailgate path, {@code POST /api/v1/inbound/email} with raw
 * messages, {@code bench.concurrency} in flight; (3) a sample through the {@code bin/mailgate}
 * script itself, one process per message.
 */
public final class EmailLoadDriver {

    private static final PrintStream OUT = System.out;
    private static final String MAILBOX = "fatura@ornek.com.tr";
    private static final String PASSWORD = "bench";

    public static void main(String[] args) throws Exception {
        int mails = Integer.getInteger("bench.mails", 10_000);
        int posted = Integer.getInteger("bench.messages", 10_000);
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        int scripted = Integer.getInteger("bench.script-messages", 200);
        long maxSeconds = Long.getLong("bench.max-seconds", 900);
        Random random = new Random(Long.getLong("bench.seed", 42));

        GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP}));
        greenMail.start();
        GreenMailUser user = greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
        Session session = Session.getInstance(new Properties());
        long loadStart = System.nanoTime();
        for (int i = 0; i < mails; i++) {
            user.deliver(mail(session, random, "imap", i));
        }
        OUT.printf("Loaded %d messages into the IMAP mailbox in %.1f s%n", mails, (System.nanoTime() - loadStart) / 1e9);

        String token = "bench-token-" + random.nextLong(Long.MAX_VALUE);
        long bootStart = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN", "logging.level.org.springdoc=ERROR")
                .logStartupInfo(false)
                .run("--temas.ephemeral=true", "--temas.demo-data=true", "--temas.bootstrap.api-token=" + token,
                        "--server.port=0", "--server.address=127.0.0.1",
                        "--temas.email.mailboxes[0].address=" + MAILBOX, "--temas.email.mailboxes[0].queue=Fatura",
                        "--temas.email.mailboxes[0].imap.host=127.0.0.1",
                        "--temas.email.mailboxes[0].imap.port=" + greenMail.getImap().getPort(),
                        "--temas.email.mailboxes[0].imap.username=" + MAILBOX, "--temas.email.mailboxes[0].imap.password=" + PASSWORD);
        long started = System.nanoTime();
        OUT.printf("Temas started in %.1f s; fetching began%n", (started - bootStart) / 1e9);
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            int taken = 0;
            while (taken < mails && System.nanoTime() - started < maxSeconds * 1_000_000_000L) {
                Thread.sleep(100);
                taken = count(jdbc);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            OUT.printf("IMAP: %d of %d messages committed in %.1f s = %.1f messages/s%n", taken, mails, seconds, taken / seconds);

            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            URI endpoint = URI.create("http://127.0.0.1:" + port + "/api/v1/inbound/email?entryPoint=" + MAILBOX);
            post(endpoint, token, session, random, posted, concurrency);
            script(port, token, session, random, scripted);
            OUT.printf("quarantined: %d%n", jdbc.sql("select count(*) from quarantine").query(Integer.class).single());
        } finally {
            app.close();
            greenMail.stop();
        }
    }

    private static int count(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from inbound_receipts where channel = 'email' and message_id is not null")
                .query(Integer.class).single();
    }

    private static void post(URI endpoint, String token, Session session, Random random, int count, int concurrency) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(bytes(mail(session, random, "http", i)));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        Semaphore inFlight = new Semaphore(concurrency);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            for (byte[] body : bodies) {
                inFlight.acquire();
                executor.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint)
                                .header("Authorization", "Bearer " + token).header("Content-Type", "message/rfc822")
                                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() / 100 == 2) {
                            latencies.add(System.nanoTime() - t0);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
            executor.shutdown();
            executor.awaitTermination(15, java.util.concurrent.TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            OUT.printf("HTTP raw e-mail (mailgate endpoint): %d ok, %d failed, %d in flight, %.1f messages/s, p50 %.1f ms, p99 %.1f ms%n",
                    sorted.length, failed.get(), concurrency, sorted.length / seconds,
                    PipelineLoadDriver.percentile(sorted, 50) / 1e6, PipelineLoadDriver.percentile(sorted, 99) / 1e6);
        }
    }

    private static void script(int port, String token, Session session, Random random, int count) throws Exception {
        if (count <= 0) {
            return;
        }
        long start = System.nanoTime();
        int ok = 0;
        for (int i = 0; i < count; i++) {
            ProcessBuilder builder = new ProcessBuilder("bin/mailgate", MAILBOX).redirectErrorStream(true);
            builder.environment().put("TEMAS_URL", "http://127.0.0.1:" + port);
            builder.environment().put("TEMAS_API_TOKEN", token);
            Process process = builder.start();
            process.getOutputStream().write(bytes(mail(session, random, "script", i)));
            process.getOutputStream().close();
            process.getInputStream().readAllBytes();
            if (process.waitFor() == 0) {
                ok++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        OUT.printf("bin/mailgate, one process per message, sequential: %d of %d ok, %.1f messages/s%n", ok, count, ok / seconds);
    }

    private static final String[] SUBJECTS = {"Fatura itirazı", "Ödeme yapamıyorum", "Kartımdan iki kez çekim yapıldı",
            "Abonelik iptali", "Faturamı göremiyorum", "Otomatik ödeme talimatı"};
    private static final String[] BODIES = {"Merhaba,\n\nBu ayki faturamda anlamadığım bir kalem var. Yardımcı olur musunuz?\n\nTeşekkürler",
            "İyi günler, ödeme sayfasında hata alıyorum.\n\n-- \nAli", "Kartımdan iki kez ödeme alınmış, iadesini rica ediyorum.",
            "> Önceki mesajınız\n> alıntı\n\nAboneliğimi iptal etmek istiyorum."};

    private static MimeMessage mail(Session session, Random random, String run, int i) throws MessagingException {
        // A third of the senders write more than once, so identities are found as well as created.
        int sender = random.nextInt(3) == 0 ? random.nextInt(200) : 1000 + i;
        String messageId = "<" + run + "-" + i + "-" + random.nextInt(1_000_000) + "@bench.example.com>";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("musteri" + sender + "@example.com.tr"));
        message.setRecipients(Message.RecipientType.TO, MAILBOX);
        message.setSubject(SUBJECTS[random.nextInt(SUBJECTS.length)], "UTF-8");
        message.setText(BODIES[random.nextInt(BODIES.length)], "UTF-8");
        message.saveChanges();
        return message;
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

}
