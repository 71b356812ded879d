package io.temas.bench;

import java.util.SplittableRandom;

/**
 * Turkish customer-service texts for {@link ConsoleDataGenerator}: names, subjects, customer
 * messages, agent answers, internal notes and acknowledgements, per topic (the three demo
 * queues). Assembled from phrases with a caller-supplied random source, so the output is
 * reproducible.
 */
final class ConsoleTexts {

    /** The topic of a conversation, which is also its queue in the demo organisation. */
    enum Topic { BILLING, TECHNICAL, GENERAL }

    static final String[] FIRST_NAMES = {"Ahmet", "Mehmet", "Mustafa", "Ali", "Hüseyin", "Hasan", "İbrahim", "Murat", "Ömer", "Emre",
            "Burak", "Can", "Oğuz", "Serkan", "Tolga", "Uğur", "Yusuf", "Cem", "Kerem", "Barış", "Ayşe", "Fatma", "Emine", "Hatice",
            "Zeynep", "Elif", "Merve", "Büşra", "Esra", "Özlem", "Gül", "Şule", "Derya", "Ceren", "Deniz", "Ebru", "İrem", "Gökçe",
            "Seda", "Nur", "Aysel", "Rəşad", "Leyla", "Tural", "Günel"};

    static final String[] LAST_NAMES = {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
            "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat", "Erdoğan",
            "Güneş", "Aksoy", "Tekin", "Bulut", "Uçar", "Korkmaz", "Ekinci", "Güler", "Məmmədova", "Əliyev", "Hüseynov"};

    private static final String[][] SUBJECTS = {
            {"Faturamda hata var", "İki kez ücret alınmış", "İade talebi", "Ekstremde tanımadığım işlem", "Otomatik ödeme talimatı",
                    "Kampanya indirimi yansımadı", "Fatura itirazı", "Ödeme onayı gelmedi", "Borç bilgisi yanlış görünüyor"},
            {"İnternet bağlantı sorunu", "Modem arızası", "Uygulamaya giriş yapamıyorum", "Şifre sıfırlama e-postası gelmiyor",
                    "Hız düşük", "Arıza kaydı hakkında", "Cihaz kurulumu", "Hata kodu E-203", "Bağlantı sürekli kopuyor"},
            {"Siparişim nerede?", "Adres değişikliği", "Kış kampanyası koşulları", "Üyelik iptali", "Teslimat tarihi",
                    "Mağaza çalışma saatleri", "Bilgi talebi", "Ürün değişimi", "Hediye çeki kullanımı"}};

    private static final String[][] PROBLEMS = {
            {"bu ay faturama iki kez ücret yansımış", "ödeme yaptım ama borcum hâlâ görünüyor", "geçen hafta açtığım iade talebi ne durumda",
                    "ekstremde tanımadığım bir işlem var", "otomatik ödeme talimatım çalışmıyor", "kampanya indirimi faturama yansımamış",
                    "faturadaki tutar sözleşmedeki ücretle uyuşmuyor", "kartımdan çekilen tutar için onay e-postası gelmedi"},
            {"internet bağlantım akşamları sık sık kopuyor", "modemin ışıkları sürekli yanıp sönüyor",
                    "uygulamaya giriş yapamıyorum, şifre sıfırlama e-postası gelmiyor", "arıza kaydı açtırmıştım ama kimse dönmedi",
                    "hız testinde paketimin yarısını bile alamıyorum", "cihaz kurulumunda E-203 hata kodu alıyorum",
                    "mobil uygulama açılırken donuyor", "evdeki kablosuz ağa bağlanan cihazlar internete çıkamıyor"},
            {"siparişim üç gündür kargoya verilmedi", "teslimat adresimi güncellemek istiyorum",
                    "kış kampanyasının koşullarını öğrenebilir miyim", "üyeliğimi iptal etmek için ne yapmam gerekiyor",
                    "aldığım ürünü bedenini değiştirmek için iade etmek istiyorum", "hediye çekimi sepette kullanamıyorum",
                    "Kadıköy mağazasının hafta sonu çalışma saatlerini öğrenmek istiyorum", "kargo takip numarası çalışmıyor"}};

    private static final String[][] ANSWERS = {
            {"fazla çekilen tutar üç iş günü içinde kartınıza iade edilecek.", "ödemeniz sistemimize yansıdı, borcunuz kapanmıştır.",
                    "iade talebiniz onaylandı, tutar beş iş günü içinde hesabınızda olacak.",
                    "ekstrenizdeki işlem aboneliğinizin yıllık yenilemesine ait, ayrıntıları e-postayla gönderdik.",
                    "otomatik ödeme talimatınızı yeniledik, bir sonraki faturadan itibaren geçerli olacak.",
                    "kampanya indirimi bir sonraki faturanıza mahsup edilecek."},
            {"hattınızda bir arıza kaydı açtık, teknik ekibimiz 24 saat içinde sizi arayacak.",
                    "modeminizi uzaktan yeniden başlattık, sorun devam ederse lütfen bize bildirin.",
                    "şifre sıfırlama bağlantısını yeniden gönderdik, gereksiz klasörünü de kontrol edebilir misiniz?",
                    "bölgenizdeki altyapı çalışması tamamlandı, bağlantınız artık kararlı olmalı.",
                    "uygulamanın son sürümünde bu hata giderildi, güncelleyip yeniden dener misiniz?",
                    "saha ekibimiz yarın 10:00–12:00 arasında adresinize gelecek."},
            {"siparişiniz bugün kargoya verildi, takip numarası e-postanıza gönderildi.", "adres bilginizi güncelledik.",
                    "kampanya 31 Ocak'a kadar geçerli, koşulları web sitemizde bulabilirsiniz.",
                    "üyelik iptaliniz tamamlandı, onay e-postası gönderdik.",
                    "değişim için ürünü herhangi bir mağazamıza faturasıyla götürebilirsiniz.",
                    "hediye çekiniz yeniden tanımlandı, tekrar dener misiniz?"}};

    private static final String[] OPENERS = {"Merhaba,", "İyi günler,", "Merhabalar,", "Sayın yetkili,", "Selam,", "İyi akşamlar,"};

    private static final String[] DETAILS = {"Dün akşamdan beri bu sorunu yaşıyorum.", "Daha önce de aradım ama çözülmedi.",
            "Ekran görüntüsünü ekte gönderiyorum.", "Lütfen en kısa sürede dönüş yapın.", "Acil yardımınızı rica ederim.",
            "Bu durum üçüncü kez oluyor.", "Müşteri numaram yukarıda yazıyor.", "Hafta içi 18:00'den sonra ulaşabilirsiniz.",
            "Bilginize sunarım.", "Konuyla ilgili ayrıntılı bilgi verir misiniz?"};

    private static final String[] CLOSINGS = {"Teşekkürler.", "İyi çalışmalar.", "Kolay gelsin.", "Şimdiden teşekkür ederim.",
            "Saygılarımla,"};

    private static final String[] FOLLOW_UPS = {"Hâlâ bir dönüş alamadım.", "Teşekkürler, ama sorun devam ediyor.",
            "Tamam, bekliyorum.", "İstediğiniz bilgiyi ekte gönderdim.", "Söylediğiniz adımları denedim, olmadı.",
            "Sorun çözüldü, teşekkür ederim.", "Ne zaman sonuçlanır?", "Aradığınızda ulaşamadım, tekrar arayabilir misiniz?"};

    private static final String[] NOTES = {"Müşteri daha önce de aynı konuda yazmış.", "Muhasebeye iletildi, dönüş bekleniyor.",
            "Saha ekibinden randevu istendi.", "VIP müşteri, öncelikli ele alalım.", "İade için süpervizör onayı gerekli.",
            "Müşteri telefonla arandı, ulaşılamadı.", "Kayıt altyapı arızasıyla ilişkili, toplu bildirim bekleniyor.",
            "Kampanya koşullarını pazarlamaya sordum."};

    private ConsoleTexts() {
    }

    static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    static String subject(SplittableRandom random, Topic topic) {
        return pick(random, SUBJECTS[topic.ordinal()]);
    }

    /** The customer's first message; short channels get one sentence. */
    static String opening(SplittableRandom random, Topic topic, boolean shortChannel, String name) {
        String problem = pick(random, PROBLEMS[topic.ordinal()]);
        if (shortChannel) {
            return capitalise(problem) + (random.nextInt(3) == 0 ? ", yardımcı olur musunuz?" : ".");
        }
        StringBuilder text = new StringBuilder(320);
        text.append(pick(random, OPENERS)).append("\n\n").append(capitalise(problem)).append(". ");
        int details = 1 + random.nextInt(3);
        for (int i = 0; i < details; i++) {
            text.append(pick(random, DETAILS)).append(' ');
        }
        text.append("\n\n").append(pick(random, CLOSINGS)).append('\n').append(name);
        return text.toString();
    }

    static String followUp(SplittableRandom random, boolean shortChannel) {
        String text = pick(random, FOLLOW_UPS);
        return shortChannel || random.nextBoolean() ? text : text + " " + pick(random, DETAILS);
    }

    static String answer(SplittableRandom random, Topic topic, boolean shortChannel, String customerFirstName, String agentName) {
        String answer = pick(random, ANSWERS[topic.ordinal()]);
        if (shortChannel) {
            return capitalise(answer);
        }
        return "Merhaba " + customerFirstName + ",\n\nYazdığınız için teşekkür ederiz. Talebinizi inceledik: " + answer
                + "\n\nBaşka bir sorunuz olursa bu e-postayı yanıtlamanız yeterli.\n\nSaygılarımızla,\n" + agentName + "\nÖrnek A.Ş.";
    }

    static String note(SplittableRandom random) {
        return pick(random, NOTES);
    }

    static String acknowledgement(String reference, String by) {
        return "Mesajınızı aldık, teşekkür ederiz. " + reference + " numaralı talebiniz için size en geç " + by
                + " tarihine kadar dönüş yapacağız.";
    }

    static String voiceSummary(SplittableRandom random, Topic topic) {
        return "Sesli arama, " + (1 + random.nextInt(12)) + " dk " + random.nextInt(60) + " sn. Özet: "
                + pick(random, PROBLEMS[topic.ordinal()]) + ".";
    }

    static String capitalise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        String upper = first == 'i' ? "İ" : String.valueOf(Character.toUpperCase(first));
        return upper + text.substring(1);
    }

    /** An ASCII slug of a Turkish name, for e-mail addresses. */
    static String slug(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            switch (c) {
                case 'ç' -> out.append('c');
                case 'ğ' -> out.append('g');
                case 'ı', 'i' -> out.append('i');
                case 'ö' -> out.append('o');
                case 'ş' -> out.append('s');
                case 'ü' -> out.append('u');
                case 'ə' -> out.append('e');
                case '\u0307' -> { }
                default -> {
                    if (c >= 'a' && c <= 'z') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
