package io.temas.knowledge;

/** No article has the given id or slug (or it may not be shown to this reader). */
public class ArticleNotFound extends RuntimeException {

    public ArticleNotFound(String what) {
        super("no article " + what);
    }
}
