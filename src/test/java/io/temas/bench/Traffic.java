package io.temas.bench;

import io.temas.shared.ChannelType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a reproducible mix of inbound traffic for the demo organisation: e-mail to the three
 * addresses, SMS to the call-centre number and the campaign keyword, web chat and the web form.
 * Senders are partly new (new customers), partly returning (identity look-ups, threading into
 * their open conversations), a few very active; some e-mails answer an earlier acknowledgement
 * by reference or by {@code In-Reply-To}; a small share repeats an earlier external id, as a
 * channel retry would.
 */
final class Traffic {

    /** Someone who writes in; the same person keeps the same e-mail address, phone number and browser cookie. */
    record Sender(int n, String name, String email, String phone, String cookie) {
    }

    /** An acknowledgement already sent by e-mail, which a customer can answer. */
    record ReplyTarget(String email, String headerId, String reference, String subject) {
    }

    /** The shares of the mix. */
    record Mix(double newSenders, double hotSenders, double retries, double emailReplies) {
    }

    static final String KIND_NEW = "new sender";
    static final String KIND_REPEAT = "returning sender";
    static final String KIND_REPLY = "e-mail reply";
    static final String KIND_RETRY = "retry (same id)";

    private static final int HOT = 40;
    private static final String[] FIRST = {"Ahmet", "Ayşe", "Mehmet", "Fatma", "Mustafa", "Emine", "Ali", "Hatice", "Hüseyin",
            "Zeynep", "İbrahim", "Elif", "Murat", "Şule", "Ömer", "Gülşen", "Çağla", "Emre", "Leyla", "Rəşad", "John", "Sarah"};
    private static final String[] LAST = {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir",
            "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Məmmədov", "Əliyeva", "Smith", "Brown"};

    private final SplittableRandom random;
    private final String tag;
    private final Mix mix;
    private final List<Sender> senders = new ArrayList<>();
    private final Map<Integer, String> chatSessions = new HashMap<>();
    private List<ReplyTarget> replyTargets = List.of();
    private int senderCounter;
    private long messageCounter;
    private int sessionCounter;
    private final int pool;
    private final Map<Integer, Sender> pooled = new HashMap<>();

    Traffic(long seed, String tag, Mix mix) {
        this(seed, tag, mix, 0);
    }

    /**
     * @param pool 0 for the mix of new and returning senders; otherwise every message comes from
     *             one of {@code pool} senders picked at random (a sender's first message makes a
     *             new customer), with no retries and no replies to acknowledgements
     */
    Traffic(long seed, String tag, Mix mix, int pool) {
        this.random = new SplittableRandom(seed);
        this.tag = tag;
        this.mix = mix;
        this.pool = pool;
        // The demo organisation's customers write in too (one of them is VIP, one writes English).
        senders.add(new Sender(-1, "Fatma Öztürk", "fatma.ozturk@example.com.tr", "0532 111 22 33", null));
        senders.add(new Sender(-2, "Ali Veli", "ali.veli@example.com", "+90 533 444 55 66", null));
        senders.add(new Sender(-3, "Leyla Məmmədova", "leyla@example.az", "+994 50 123 45 67", null));
        senders.add(new Sender(-4, "John Smith", "john.smith@example.co.uk", null, null));
    }

    int senders() {
        return senders.size();
    }

    void replyTargets(List<ReplyTarget> targets) {
        this.replyTargets = List.copyOf(targets);
    }

    /** The next {@code count} messages. */
    List<LoadMessage> next(int count) {
        List<LoadMessage> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i > 0 && pool == 0 && random.nextDouble() < mix.retries()) {
                LoadMessage earlier = batch.get(random.nextInt(i));
                batch.add(new LoadMessage(KIND_RETRY, earlier.channel(), earlier.entryPoint(), earlier.externalId(), earlier.email(),
                        earlier.phone(), earlier.cookie(), earlier.name(), earlier.subject(), earlier.text(), earlier.inReplyTo(),
                        earlier.chatSession()));
            } else {
                batch.add(message());
            }
        }
        return batch;
    }

    private LoadMessage message() {
        long id = ++messageCounter;
        int roll = random.nextInt(100);
        if (roll < 38) {
            String to = roll < 14 ? "fatura@ornek.com.tr" : roll < 28 ? "destek@ornek.com.tr" : "bilgi@ornek.com.tr";
            if (pool == 0 && !replyTargets.isEmpty() && random.nextDouble() < mix.emailReplies()) {
                return reply(id, to);
            }
            return email(id, to);
        }
        if (roll < 62) {
            return sms(id, roll < 54 ? "+908502220000" : "KIS2026");
        }
        if (roll < 82) {
            return chat(id);
        }
        return webform(id);
    }

    private LoadMessage email(long id, String to) {
        Pick pick = sender(true, false);
        boolean fresh = pick.fresh();
        Sender s = pick.sender();
        Topic topic = topic(to);
        String from = random.nextInt(10) == 0 ? s.name() + " <" + capitalise(s.email()) + ">" : s.email();
        return new LoadMessage(fresh ? KIND_NEW : KIND_REPEAT, ChannelType.EMAIL, to, "<" + tag + "." + id + "@mail.example.net>",
                from, null, null, s.name(), topic.subject(), topic.text(), null, null);
    }

    private LoadMessage reply(long id, String to) {
        ReplyTarget target = replyTargets.get(random.nextInt(replyTargets.size()));
        String subject = "Re: " + (target.subject() == null ? "" : target.subject());
        String inReplyTo = null;
        if (random.nextBoolean()) {
            subject = subject + " [#" + target.reference() + "]";
        } else {
            inReplyTo = target.headerId();
        }
        String text = pick("Teşekkürler, ama sorun hâlâ devam ediyor. Ne zaman dönüş yapacaksınız?",
                "Thank you, I am still waiting for an answer about my invoice.",
                "Ek bilgi: sipariş numaram " + (100000 + random.nextInt(900000)) + ".");
        return new LoadMessage(KIND_REPLY, ChannelType.EMAIL, to, "<" + tag + "." + id + "@mail.example.net>", target.email(), null,
                null, null, subject, text, inReplyTo, null);
    }

    private LoadMessage sms(long id, String to) {
        Pick pick = sender(false, true);
        boolean fresh = pick.fresh();
        Sender s = pick.sender();
        Topic topic = "KIS2026".equals(to) ? campaign() : topic(null);
        String phone = random.nextBoolean() ? s.phone() : s.phone().replace(" ", "");
        return new LoadMessage(fresh ? KIND_NEW : KIND_REPEAT, ChannelType.SMS, to, "sms-" + tag + "-" + id, null, phone, null, null,
                null, "KIS2026".equals(to) ? "KIS2026 " + topic.text() : topic.text(), null, null);
    }

    private LoadMessage chat(long id) {
        Pick pick = sender(false, false);
        boolean fresh = pick.fresh();
        Sender s = pick.sender();
        String session = chatSessions.get(s.n());
        if (session == null || random.nextInt(10) < 4) {
            session = "chat-" + tag + "-" + (++sessionCounter);
            chatSessions.put(s.n(), session);
        }
        Topic topic = topic(null);
        String cookie = s.cookie() != null ? s.cookie() : "ck-" + tag + "-" + s.n();
        String email = s.email() != null && random.nextInt(10) < 4 ? s.email() : null;
        return new LoadMessage(fresh ? KIND_NEW : KIND_REPEAT, ChannelType.CHAT, "web-sohbet", "chat-" + tag + "-" + id, email, null,
                cookie, s.name(), null, topic.text(), null, session);
    }

    private LoadMessage webform(long id) {
        Pick pick = sender(true, false);
        boolean fresh = pick.fresh();
        Sender s = pick.sender();
        Topic topic = topic(null);
        return new LoadMessage(fresh ? KIND_NEW : KIND_REPEAT, ChannelType.WEBFORM, "web-iletisim", "form-" + tag + "-" + id, s.email(),
                s.phone(), null, s.name(), topic.subject(), topic.text(), null, null);
    }

    private record Pick(Sender sender, boolean fresh) {
    }

    /** Who writes the next message, and whether it is the first time this run. */
    private Pick sender(boolean needsEmail, boolean needsPhone) {
        if (pool > 0) {
            int n = 1 + random.nextInt(pool);
            Sender known = pooled.get(n);
            if (known != null) {
                return new Pick(known, false);
            }
            Sender made = made(n);
            pooled.put(n, made);
            return new Pick(made, true);
        }
        boolean fresh = isNew();
        return new Pick(fresh ? newSender() : returning(needsEmail, needsPhone), fresh);
    }

    private boolean isNew() {
        return random.nextDouble() < mix.newSenders();
    }

    private Sender newSender() {
        Sender sender = made(++senderCounter);
        senders.add(sender);
        return sender;
    }

    /** Sender number {@code n}: a name, an e-mail address and a mobile number of its own. */
    private Sender made(int n) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String local = ascii(first + "." + last).toLowerCase(Locale.ROOT) + "." + n;
        String email = local + "@" + pick("example.com.tr", "example.com", "posta.example.net");
        // Turkish mobile numbers 0530 000 00 00 and up, one per sender.
        String digits = String.format("%07d", n % 10_000_000);
        String operator = "53" + (n / 10_000_000);
        String phone = "0" + operator + " " + digits.substring(0, 3) + " " + digits.substring(3, 5) + " " + digits.substring(5);
        if (random.nextBoolean()) {
            phone = "+90 " + operator + " " + digits.substring(0, 3) + " " + digits.substring(3, 5) + " " + digits.substring(5);
        }
        return new Sender(n, first + " " + last, email, phone, null);
    }

    private Sender returning(boolean needsEmail, boolean needsPhone) {
        for (int tries = 0; tries < 8; tries++) {
            Sender s = random.nextDouble() < mix.hotSenders()
                    ? senders.get(random.nextInt(Math.min(HOT, senders.size())))
                    : senders.get(random.nextInt(senders.size()));
            if ((!needsEmail || s.email() != null) && (!needsPhone || s.phone() != null)) {
                return s;
            }
        }
        return newSender();
    }

    private record Topic(String subject, String text) {
    }

    private Topic topic(String to) {
        int language = random.nextInt(20);
        int kind = to == null ? random.nextInt(3) : switch (to) {
            case "fatura@ornek.com.tr" -> 0;
            case "destek@ornek.com.tr" -> 1;
            default -> 2;
        };
        String order = String.valueOf(100000 + random.nextInt(900000));
        if (language < 3) {
            return switch (kind) {
                case 0 -> new Topic("Question about my invoice", "Hello, my invoice for order " + order
                        + " shows a charge I do not recognise. Can you please check and refund it? Thanks.");
                case 1 -> new Topic("Internet keeps dropping", "Hi, my internet connection drops every evening and the modem "
                        + "restarts. I have tried a reset. What can you do?");
                default -> new Topic("Opening hours", "Hello, what are your opening hours and can I change my address online? Thanks.");
            };
        }
        if (language < 5) {
            return switch (kind) {
                case 0 -> new Topic("Hesab haqqında", "Salam, mənim hesabımda səhv məbləğ var, sifariş " + order
                        + ". Zəhmət olmasa yoxlayın. Təşəkkür edirəm.");
                case 1 -> new Topic("İnternet problemi", "Salam, internet bağlantım hər axşam kəsilir, modem işləmir. Nə edim?");
                default -> new Topic("Məlumat", "Salam, mağazanız bazar günü açıqdır? Təşəkkür edirəm.");
            };
        }
        return switch (kind) {
            case 0 -> new Topic(pick("Fatura itirazı", "Ödeme sorunu", "İade talebi"), "Merhaba, " + order
                    + " numaralı siparişimin faturasında fazla ücret görünüyor. Ödeme iki kez çekilmiş, iade rica ediyorum. İyi günler.");
            case 1 -> new Topic(pick("İnternet arızası", "Modem sorunu", "Uygulama açılmıyor"), "Merhaba, akşamları internet "
                    + "bağlantım sürekli kopuyor, modemi yeniden başlattım ama arıza devam ediyor. Yardımcı olur musunuz?");
            default -> new Topic(pick("Bilgi talebi", "Adres değişikliği", "Mağaza saatleri"), "Merhaba, adresimi nasıl "
                    + "değiştirebilirim? Ayrıca mağazanız pazar günü açık mı? Teşekkürler.");
        };
    }

    private Topic campaign() {
        return new Topic(null, pick("katılmak istiyorum", "kampanya detayları nedir", "indirim kodum çalışmıyor, uygulama hata veriyor"));
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String capitalise(String email) {
        return email.isEmpty() ? email : Character.toUpperCase(email.charAt(0)) + email.substring(1);
    }

    private static String ascii(String name) {
        return io.temas.shared.TextFolding.fold(name).replaceAll("[^a-z.]", "");
    }
}
