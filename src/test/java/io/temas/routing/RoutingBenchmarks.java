package io.temas.routing;

import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import io.temas.shared.Priority;
import io.temas.shared.TextFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule evaluation as {@link RoutingEngine#decide} does it (first enabled rule whose conditions
 * all hold), over 20 rules: the demo organisation's four and sixteen more of the kinds a
 * customer-service team writes, mostly keyword rules. Lives in {@code io.temas.routing} because
 * {@link RulePolicy} is package-private. The rule list is what {@link RoutingRules#all()} serves
 * from its cache, so no database is involved.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RoutingBenchmarks {

    private static final String LONG_TURKISH = "Merhaba, 482913 numaralı siparişimle ilgili yazıyorum. Geçen hafta mağazanızdan "
            + "aldığım ürünü kargoya verdim ama hâlâ bir dönüş alamadım. Müşteri hizmetlerini aradığımda uzun süre beklettiniz. "
            + "Adresim değişti, yeni adresimi de kaydetmenizi rica ederim. Ayrıca pazar günleri açık mısınız? İyi çalışmalar.";

    private List<RoutingRule> rules;
    private RoutingInput[] mixed;
    private RoutingInput noMatch;
    private RoutingInput vip;
    private String foldedLong;
    private int next;

    @Setup
    public void setUp() {
        UUID fatura = UUID.randomUUID();
        UUID teknik = UUID.randomUUID();
        UUID genel = UUID.randomUUID();
        UUID kurumsal = UUID.randomUUID();
        List<RoutingRule> list = new ArrayList<>();
        // The demo organisation's rules.
        rule(list, "VIP müşteriler öncelikli", genel, Priority.HIGH, null, null, null, null, null, true);
        rule(list, "Kısa kanallarda fatura soruları", fatura, null, null, List.of("sms", "chat", "social"), null,
                List.of("fatura", "ödeme", "borç", "ekstre", "iade"), null, null);
        rule(list, "Kısa kanallarda teknik sorunlar", teknik, null, null, List.of("sms", "chat", "social", "voice"), null,
                List.of("internet", "modem", "bağlantı", "arıza", "şifre", "uygulama"), null, null);
        rule(list, "İngilizce yazanlar", genel, null, null, null, List.of("en"), null, null, null);
        // Sixteen more: keywords on any channel, entry points, segments.
        rule(list, "Hukuki tehdit", genel, Priority.URGENT, null, null, null,
                List.of("avukat", "mahkeme", "dava", "tüketici hakem", "ihtarname"), null, null);
        rule(list, "İptal ve fesih", genel, Priority.HIGH, null, null, null,
                List.of("iptal", "fesih", "aboneliğimi sonlandır", "cayma", "vazgeçtim"), null, null);
        rule(list, "Kargo ve teslimat", genel, null, null, null, null,
                List.of("kargo", "teslimat", "kurye", "gönderi", "takip numarası", "paketim"), null, null);
        rule(list, "Kart ve güvenlik", fatura, Priority.HIGH, null, null, null,
                List.of("dolandırıcılık", "çalıntı", "yetkisiz işlem", "kartım", "3d secure"), null, null);
        rule(list, "Kurumsal müşteriler", kurumsal, null, null, null, null, null, List.of("kurumsal", "bayi"), null);
        rule(list, "Fatura adresi", fatura, null, List.of("fatura@ornek.com.tr"), null, null,
                List.of("itiraz", "fazla ücret", "iade", "taksit", "e-fatura", "e-arşiv"), null, null);
        rule(list, "Destek adresi acil", teknik, Priority.HIGH, List.of("destek@ornek.com.tr"), null, null,
                List.of("acil", "tamamen kesildi", "hiç çalışmıyor", "erişemiyorum"), null, null);
        rule(list, "Çağrı merkezi SMS", genel, null, List.of("+90 850 222 00 00"), List.of("sms"), null,
                List.of("geri ara", "arayın", "ulaşamadım"), null, null);
        rule(list, "Kampanya", genel, Priority.LOW, List.of("KIS2026", "kampanya@ornek.com.tr"), null, null, null, null, null);
        rule(list, "Azerbaycanca", genel, null, null, null, List.of("az"), null, null, null);
        rule(list, "Şikayet", genel, null, null, null, null,
                List.of("şikayet", "rezalet", "memnun değilim", "berbat", "kabul edilemez"), null, null);
        rule(list, "Garanti ve servis", teknik, null, null, null, null,
                List.of("garanti", "servis", "tamir", "değişim", "arızalı ürün"), null, null);
        rule(list, "Hesap erişimi", teknik, null, null, null, null,
                List.of("giriş yapamıyorum", "şifremi unuttum", "hesabım kilitlendi", "doğrulama kodu"), null, null);
        rule(list, "Premium müşteriler", genel, Priority.HIGH, null, null, null, null, List.of("premium", "gold"), false);
        rule(list, "Sosyal medya", genel, null, null, List.of("social"), null, null, null, null);
        rule(list, "Sesli mesajlar", genel, null, null, List.of("voice"), null, null, null, null);
        rules = List.copyOf(list);

        noMatch = new RoutingInput(ChannelType.EMAIL, "bilgi@ornek.com.tr", Language.TR, "Adres değişikliği", LONG_TURKISH,
                List.of("bireysel"), false);
        vip = new RoutingInput(ChannelType.EMAIL, "bilgi@ornek.com.tr", Language.TR, "Bilgi", LONG_TURKISH, List.of("premium"), true);
        mixed = new RoutingInput[] {
                noMatch,
                vip,
                new RoutingInput(ChannelType.SMS, "+908502220000", Language.TR, null, "Faturamı ödeyemiyorum, borç ne kadar?",
                        List.of(), false),
                new RoutingInput(ChannelType.CHAT, "web-sohbet", Language.TR, null,
                        "Merhaba, akşamları internet bağlantım sürekli kopuyor, modemi yeniden başlattım.", List.of(), false),
                new RoutingInput(ChannelType.EMAIL, "fatura@ornek.com.tr", Language.TR, "Fatura itirazı",
                        "Merhaba, faturamda fazla ücret görünüyor, iade rica ediyorum.", List.of("bireysel"), false),
                new RoutingInput(ChannelType.EMAIL, "destek@ornek.com.tr", Language.EN, "Internet keeps dropping",
                        "Hi, my internet connection drops every evening and the modem restarts.", List.of(), false),
                new RoutingInput(ChannelType.SMS, "KIS2026", Language.TR, null, "KIS2026 katılmak istiyorum", List.of(), false),
                new RoutingInput(ChannelType.WEBFORM, "web-iletisim", Language.TR, "Kargo",
                        "Paketim üç gündür kargoda, takip numarası çalışmıyor.", List.of(), false)};
        foldedLong = TextFolding.fold("Adres değişikliği\n" + LONG_TURKISH);
    }

    private static void rule(List<RoutingRule> into, String name, UUID queue, Priority priority, List<String> entryPoints,
                             List<String> channels, List<String> languages, List<String> keywords, List<String> segments,
                             Boolean vip) {
        // Entry points are stored normalised, as RoutingRules does on save.
        List<String> normalised = entryPoints == null ? null : entryPoints.stream().map(EntryPointAddresses::normalise).toList();
        into.add(new RoutingRule(UUID.randomUUID(), (into.size() + 1) * 10, name, true,
                new RuleConditions(normalised, channels, languages, keywords, segments, vip), queue, List.of(), priority));
    }

    /** The engine's loop: the first rule that holds wins. */
    private Optional<String> decide(RoutingInput input) {
        FoldedText folded = new FoldedText(input);
        for (RoutingRule rule : rules) {
            if (!rule.enabled()) {
                continue;
            }
            Optional<String> reason = RulePolicy.evaluate(rule, input, folded);
            if (reason.isPresent()) {
                return Optional.of(rule.name() + ": " + reason.get());
            }
        }
        return Optional.empty();
    }

    /** A mix of inputs: some match the first rule, some a middle one, one matches none. */
    @Benchmark
    public Optional<String> decideMixed() {
        next = (next + 1) & 7;
        return decide(mixed[next]);
    }

    /** Worst case: a long e-mail no rule matches, so all 20 rules are evaluated (and the text folded for each keyword rule). */
    @Benchmark
    public Optional<String> decideNoMatch() {
        return decide(noMatch);
    }

    /** Best case: the first rule (VIP) holds. */
    @Benchmark
    public Optional<String> decideFirstRule() {
        return decide(vip);
    }

    /** One keyword test on already folded text (compiles a pattern per call). */
    @Benchmark
    public boolean containsWord() {
        return RulePolicy.containsWord(foldedLong, "takip numarası");
    }

    /** Folding subject and text once, as each keyword rule does. */
    @Benchmark
    public String foldText() {
        return TextFolding.fold("Adres değişikliği\n" + LONG_TURKISH);
    }
}
