package io.temas.knowledge;

import io.temas.shared.NotFound;

/** No article has the given id or slug (or it may not be shown to this reader). */
public class ArticleNotFound extends NotFound {

    public ArticleNotFound(String what) {
        super("no article " + what);
    }
}
