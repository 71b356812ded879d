package io.temas.complaints;

/**
 * What a complaint is about: a short code kept on the conversation, and its name in each language
 * the console speaks.
 */
public record ComplaintCategory(String code, String nameTr, String nameAz, String nameEn, int position) {

    /** The name in {@code language} (tr, az or en); Turkish for any other. */
    public String name(String language) {
        return switch (language == null ? "tr" : language) {
            case "az" -> nameAz;
            case "en" -> nameEn;
            default -> nameTr;
        };
    }
}
