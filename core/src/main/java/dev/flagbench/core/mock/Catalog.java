package dev.flagbench.core.mock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every response the server can give, canned at start: one per served path, and the error answers. */
final class Catalog {
    /** A served path: its kind and its response. */
    record Route(Kind kind, CannedResponse response) {
    }

    private final Map<String, Route> routes = new HashMap<>();
    private final Map<Integer, CannedResponse> errors = new HashMap<>();
    private final List<CannedResponse> all = new ArrayList<>();

    Catalog(MockContent content) {
        for (String cc : content.countryCodes()) {
            String lc = cc.toLowerCase(Locale.ROOT);
            add("/flags/" + lc + "/" + lc + ".gif", Kind.FLAG, CannedResponse.of(200, "image/gif", content.flagBytes(cc)));
            add("/flags/" + lc + "/metadata.json", Kind.METADATA,
                    CannedResponse.of(200, "application/json", content.metadataBytes(cc)));
        }
        for (int n : content.pepNumbers()) {
            add(String.format(Locale.ROOT, "/peps/pep-%04d/", n), Kind.PEP,
                    CannedResponse.of(200, "text/html; charset=utf-8", content.pageBytes(n)));
        }
        for (int status : new int[] {400, 404, 418, 500, 503}) {
            errors.put(status, keep(CannedResponse.text(status, "")));
        }
        errors.put(405, keep(CannedResponse.text(405, "allow: GET\r\n")));
    }

    private void add(String path, Kind kind, CannedResponse response) {
        routes.put(path, new Route(kind, keep(response)));
    }

    private CannedResponse keep(CannedResponse r) {
        all.add(r);
        return r;
    }

    /** The route of {@code path}, or a 404 of the kind the path looks like. */
    Route find(String path) {
        Route r = routes.get(path);
        return r != null ? r : new Route(Kind.of(path), errors.get(404));
    }

    /** The canned error answer with {@code status} (400, 404, 405, 418, 500 or 503). */
    CannedResponse error(int status) {
        return errors.get(status);
    }

    void release() {
        all.forEach(CannedResponse::release);
    }
}
