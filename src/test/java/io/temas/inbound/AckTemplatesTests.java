package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.Acknowledgement;
import io.temas.routing.EtaEstimator;
import io.temas.shared.Language;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class AckTemplatesTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final Acknowledgement LETTER = Acknowledgement.letter(20_000);
    private static final Acknowledgement SMS = Acknowledgement.text(320);
    private static final Acknowledgement CHAT = Acknowledgement.text(1_000);
    /** Monday 20 April 2026, 10:00 in Istanbul. */
    private static final ZonedDateTime NOW = local("2026-04-20T10:00");

    private final AckTemplates templates = new AckTemplates(messages());

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private static ZonedDateTime local(String time) {
        return LocalDateTime.parse(time).atZone(ISTANBUL);
    }

    private static EtaEstimator.Eta eta(String by) {
        ZonedDateTime local = local(by);
        return new EtaEstimator.Eta(local.toInstant(), Duration.between(NOW, local), ISTANBUL, "test");
    }

    @Test
    void statesTheTimeOfTodayAndTomorrowInTurkish() {
        assertThat(templates.when(Language.TR, local("2026-04-20T14:30"), NOW)).isEqualTo("bugün saat 14:30");
        assertThat(templates.when(Language.TR, local("2026-04-21T09:00"), NOW)).isEqualTo("yarın saat 09:00");
    }

    @Test
    void statesTheTimeOfTodayAndTomorrowInAzerbaijani() {
        assertThat(templates.when(Language.AZ, local("2026-04-20T14:30"), NOW)).isEqualTo("bu gün saat 14:30");
        assertThat(templates.when(Language.AZ, local("2026-04-21T09:00"), NOW)).isEqualTo("sabah saat 09:00");
    }

    @Test
    void statesTheTimeOfTodayAndTomorrowInEnglish() {
        assertThat(templates.when(Language.EN, local("2026-04-20T14:30"), NOW)).isEqualTo("today at 14:30");
        assertThat(templates.when(Language.EN, local("2026-04-21T09:00"), NOW)).isEqualTo("tomorrow at 09:00");
    }

    @Test
    void statesTheDateAndWeekdayOfLaterDays() {
        assertThat(templates.when(Language.TR, local("2026-04-23T09:00"), NOW)).isEqualTo("23 Nisan Perşembe saat 09:00");
        assertThat(templates.when(Language.EN, local("2026-04-23T09:00"), NOW)).isEqualTo("Thursday 23 April at 09:00");
        assertThat(templates.when(Language.AZ, local("2026-04-23T09:00"), NOW)).startsWith("23 aprel").endsWith(" saat 09:00");
    }

    @Test
    void statesWaitsInMinutesHoursAndDays() {
        assertThat(templates.waitText(Language.TR, Duration.ofMinutes(45))).isEqualTo("45 dakika");
        assertThat(templates.waitText(Language.TR, Duration.ofMinutes(150))).isEqualTo("3 saat");
        assertThat(templates.waitText(Language.AZ, Duration.ofDays(3))).isEqualTo("3 gün");
        assertThat(templates.waitText(Language.AZ, Duration.ofMinutes(10))).isEqualTo("10 dəqiqə");
    }

    @Test
    void statesWaitsInEnglishSingularAndPlural() {
        assertThat(templates.waitText(Language.EN, Duration.ZERO)).isEqualTo("1 minute");
        assertThat(templates.waitText(Language.EN, Duration.ofSeconds(61))).isEqualTo("2 minutes");
        assertThat(templates.waitText(Language.EN, Duration.ofHours(2))).isEqualTo("2 hours");
        assertThat(templates.waitText(Language.EN, Duration.ofHours(48))).isEqualTo("2 days");
    }

    @Test
    void aWaitAskedAgainIsTheSameWordsInEachLanguage() {
        // Each language's words from templates that never saw another language, then all of them asked in turn, twice.
        Map<Language, List<String>> expected = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            AckTemplates alone = new AckTemplates(messages());
            expected.put(language, LongStream.range(0, 600).mapToObj(i -> alone.waitText(language, Duration.ofMinutes(i * 7))).toList());
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 600; i++) {
                for (Language language : Language.values()) {
                    assertThat(templates.waitText(language, Duration.ofMinutes(i * 7L))).as("%s, %d minutes", language, i * 7)
                            .isEqualTo(expected.get(language).get(i));
                }
            }
        }
    }

    @Test
    void rendersATurkishEmailWithReferenceAndTime() {
        AckTemplates.Rendered rendered = templates.render(Language.TR, LETTER, " Ali ", "T-1042", "Faturam",
                eta("2026-04-20T14:30"), NOW, "Ornek Destek");

        assertThat(rendered.subject()).isEqualTo("Talebinizi aldık: Faturam [#T-1042]");
        assertThat(rendered.body()).startsWith("Merhaba Ali,\n\n")
                .contains("Talep numaranız: T-1042.")
                .contains("Size en geç bugün saat 14:30 dönüş yapacağız (yaklaşık 5 saat içinde).")
                .endsWith("\n\nOrnek Destek");
    }

    @Test
    void replacesTheReferenceInAnAnsweredSubjectRatherThanRepeatingIt() {
        AckTemplates.Rendered rendered = templates.render(Language.TR, LETTER, "Ali", "T-1042", "Re: Faturam [#T-1042]",
                eta("2026-04-20T14:30"), NOW, "Ornek Destek");

        assertThat(rendered.subject()).isEqualTo("Talebinizi aldık: Re: Faturam [#T-1042]");
    }

    @Test
    void rendersAPlainSubjectWhenTheMessageHadNone() {
        AckTemplates.Rendered rendered = templates.render(Language.EN, LETTER, null, "T-1042", " ",
                eta("2026-04-21T09:00"), NOW, "Ornek");

        assertThat(rendered.subject()).isEqualTo("We received your request [#T-1042]");
        assertThat(rendered.body()).startsWith("Hello,\n\n").contains("Your reference is T-1042.")
                .contains("We will reply by tomorrow at 09:00 at the latest");
    }

    @Test
    void rendersAnAzerbaijaniShortMessageWithoutSubject() {
        AckTemplates.Rendered rendered = templates.render(Language.AZ, SMS, "Aysel", "T-7", null,
                eta("2026-04-20T14:30"), NOW, "Ornek");

        assertThat(rendered.subject()).isNull();
        assertThat(rendered.body()).isEqualTo("Salam Aysel, mesajınızı aldıq (T-7). Sizə ən gec bu gün saat 14:30 cavab verəcəyik. Ornek");
    }

    @Test
    void rendersAnEnglishShortMessage() {
        AckTemplates.Rendered rendered = templates.render(Language.EN, CHAT, "", "T-7", null,
                eta("2026-04-21T09:00"), NOW, "Ornek");

        assertThat(rendered.body()).isEqualTo("Hello, we received your message (T-7) and will reply by tomorrow at 09:00 at the latest. Ornek");
    }

    @Test
    void decidesTodayAndTomorrowOnTheLocalDayOfTheEstimate() {
        // 22:30 UTC on the 20th is already 01:30 on the 21st in Istanbul
        ZonedDateTime nowInUtc = ZonedDateTime.of(2026, 4, 20, 22, 30, 0, 0, ZoneOffset.UTC);
        EtaEstimator.Eta eta = new EtaEstimator.Eta(local("2026-04-21T09:00").toInstant(), Duration.ofMinutes(450), ISTANBUL, "test");

        AckTemplates.Rendered rendered = templates.render(Language.TR, SMS, "Ali", "T-7", null, eta, nowInUtc, "Ornek");

        assertThat(rendered.body()).contains("bugün saat 09:00");
    }

    @Test
    void cutsAShortMessageToTheChannelsLengthWithAnEllipsis() {
        AckTemplates.Rendered rendered = templates.render(Language.EN, Acknowledgement.text(40), "Ali", "T-7", null,
                eta("2026-04-20T14:30"), NOW, "Ornek");

        assertThat(rendered.body()).hasSize(40).startsWith("Hello Ali, we received").endsWith("…");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "tr, her zamankinden uzun sürebilir",
            "az, həmişəkindən uzun çəkə bilər",
            "en, may take longer than usual"})
    void aPromisePastTheSlaSaysHonestlyThatItMayTakeLongerThanUsual(String code, String notice) {
        Language language = Language.parse(code).orElseThrow();
        ZonedDateTime local = local("2026-04-20T16:00");
        EtaEstimator.Eta late = new EtaEstimator.Eta(local.toInstant(), Duration.between(NOW, local), ISTANBUL, "test", true);

        AckTemplates.Rendered letter = templates.render(language, LETTER, "Deniz", "T-1042", "Fatura", late, NOW, "Örnek A.Ş.");
        AckTemplates.Rendered sms = templates.render(language, SMS, "Deniz", "T-1042", null, late, NOW, "Örnek A.Ş.");
        AckTemplates.Rendered usual = templates.render(language, LETTER, "Deniz", "T-1042", "Fatura", eta("2026-04-20T16:00"), NOW,
                "Örnek A.Ş.");

        assertThat(letter.body()).contains(notice).endsWith("Örnek A.Ş.").doesNotContain("{5}");
        assertThat(sms.body()).contains(notice).endsWith("Örnek A.Ş.");
        assertThat(usual.body()).doesNotContain(notice).doesNotContain("{5}");
    }

    @Test
    void anAdminTextWithoutTheNoticePlaceholderGetsTheNoticeAppended() {
        AckTemplates own = new AckTemplates(messages(), (language, key) -> key.equals("ack.short")
                ? java.util.Optional.of("{{greeting}} {{reference}} alındı, {{promisedBy}} dönüyoruz. {{signature}}") : java.util.Optional.empty());
        ZonedDateTime local = local("2026-04-20T16:00");
        EtaEstimator.Eta late = new EtaEstimator.Eta(local.toInstant(), Duration.between(NOW, local), ISTANBUL, "test", true);

        assertThat(own.render(Language.TR, SMS, "Deniz", "T-1042", null, late, NOW, "Örnek A.Ş.").body())
                .startsWith("Merhaba Deniz, T-1042 alındı").contains("Örnek A.Ş. Şu sıralar yoğunluk");
    }

    @Test
    void anAdminTextNamesItsPlaceholdersAndIsFilledLiterally() {
        AckTemplates own = new AckTemplates(messages(), (language, key) -> switch (key) {
            case "ack.email.subject" -> java.util.Optional.of("{{customer}}, talebiniz {{reference}}: '{{subject}}'");
            case "ack.email.body" -> java.util.Optional.of("Sayın {{customer}}, {{reference}} için {{promisedBy}} ({{wait}}) dönüyoruz{{late}}. "
                    + "Müşteri'nin {{ reference }} {1} {{unknown}}\n{{signature}}");
            default -> java.util.Optional.empty();
        });

        AckTemplates.Rendered rendered = own.render(Language.TR, LETTER, "Deniz", "T-1042", "Fatura", eta("2026-04-20T14:30"), NOW, "Örnek");

        assertThat(rendered.subject()).isEqualTo("Deniz, talebiniz T-1042: 'Fatura'");
        assertThat(rendered.body()).isEqualTo("Sayın Deniz, T-1042 için bugün saat 14:30 (5 saat) dönüyoruz. "
                + "Müşteri'nin T-1042 {1} {{unknown}}\nÖrnek");
    }

    @Test
    void everyTextInTheBundlesUsesOnlyTheNamedPlaceholdersItsKeyHas() {
        ResourceBundleMessageSource bundles = messages();
        for (Language language : Language.values()) {
            for (String key : AckTexts.KEYS) {
                String text = bundles.getMessage(key, null, language.locale());
                assertThat(io.temas.shared.Placeholders.unknown(text, AckTemplates.placeholders(key))).as(language + " " + key).isEmpty();
                assertThat(io.temas.shared.Placeholders.used(text)).as(language + " " + key).contains("{{reference}}");
            }
        }
    }
}
