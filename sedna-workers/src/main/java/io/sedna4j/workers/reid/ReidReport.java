package io.sedna4j.workers.reid;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.html}: the ReID job's report, one self-contained page (inline CSS, no script, images by relative
 * path) made from the summary: the figures, the query photos, per camera a timeline of when the target was seen and
 * of contacts, a gallery of the target's best crops and key annotated frames, and the list of contacts.
 */
final class ReidReport {
    private ReidReport() {
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#222}
            header{background:#1f2933;color:#fff;padding:18px 28px}
            header h1{margin:0;font-size:22px}
            header p{margin:4px 0 0;color:#cbd2d9;font-size:14px}
            main{padding:20px 28px;max-width:1200px}
            section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
            h2{font-size:18px;margin:0 0 12px}
            h3{font-size:15px;margin:16px 0 8px}
            .cards{display:flex;flex-wrap:wrap;gap:12px}
            .card{background:#f0f4f8;border-radius:6px;padding:10px 14px;min-width:120px}
            .card b{display:block;font-size:22px}
            .card span{font-size:12px;color:#52606d;text-transform:uppercase;letter-spacing:.04em}
            .strip{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end}
            figure{margin:0;text-align:center;font-size:12px;color:#52606d}
            figure img{display:block;border-radius:4px;border:1px solid #d9e2ec}
            .query img,.gallery img{height:150px}
            .keys img{height:260px}
            .lane{display:flex;align-items:center;margin:4px 0}
            .lane .name{width:90px;font-size:12px;color:#52606d}
            .bar{position:relative;flex:1;height:18px;background:#eef1f4;border-radius:3px;overflow:hidden}
            .bar i{position:absolute;top:0;bottom:0;min-width:2px}
            .seen{background:#e62828}
            .contact{background:#ff8c00}
            .axis{display:flex;justify-content:space-between;margin-left:90px;font-size:11px;color:#7b8794}
            table{border-collapse:collapse;font-size:14px}
            td,th{padding:4px 12px 4px 0;text-align:left;border-bottom:1px solid #e4e7eb}
            .legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}
            .muted{color:#7b8794;font-size:13px}
            """;

    static String html(JsonNode s) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Sedna4J re-identification report</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>Re-identification across ").append(s.path("cameras").size())
                .append(s.path("cameras").size() == 1 ? " camera" : " cameras").append("</h1><p>Sedna4J ReID job, ")
                .append(esc(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))))
                .append(" · features: ").append(esc(s.path("extractor").asText())).append(" · match threshold ")
                .append(num(s.path("matchThresh").asDouble())).append(" · ").append(esc(s.path("ended").asText()))
                .append("</p></header>\n<main>\n");

        h.append("<section><h2>Summary</h2><div class=\"cards\">");
        card(h, String.valueOf(s.path("frames").asLong()), "frames");
        card(h, String.valueOf(s.path("detections").asLong()), "detections");
        card(h, String.valueOf(s.path("tracks").asLong()), "tracks");
        card(h, s.path("framesWithTarget").asLong() + " (" + pct(s.path("targetFoundPercent").asDouble()) + ")",
                "frames with the target");
        card(h, String.valueOf(s.path("contacts").size()), "close contacts");
        card(h, String.valueOf(s.path("idSwitches").asLong()), "target id switches");
        card(h, num(s.path("wallSeconds").asDouble()) + " s", "wall time of the job");
        h.append("</div>");
        if (s.path("missingCameras").size() > 0) {
            List<String> missing = new ArrayList<>();
            s.path("missingCameras").forEach(m -> missing.add(m.asText()));
            h.append("<p class=\"muted\">Cameras that did not finish: ").append(esc(String.join(", ", missing)))
                    .append("</p>");
        }
        h.append("</section>\n");

        h.append("<section><h2>The person searched for</h2><div class=\"strip query\">");
        for (JsonNode q : s.path("queryImages")) {
            h.append("<figure><img src=\"").append(attr(q.path("image").asText())).append("\" alt=\"query photo\"><figcaption>")
                    .append(esc(fileName(q.path("file").asText()))).append("</figcaption></figure>");
        }
        h.append("</div></section>\n");

        double longest = 0;
        for (JsonNode c : s.path("cameras")) {
            longest = Math.max(longest, c.path("duration").asDouble());
        }
        h.append("<section><h2>Timeline</h2><p class=\"legend muted\">Seconds from each camera's first frame."
                + "<i class=\"seen\"></i>target seen<i class=\"contact\"></i>close contact</p>");
        for (JsonNode c : s.path("cameras")) {
            timeline(h, s, c, longest);
        }
        h.append("<div class=\"axis\">");
        for (int i = 0; i <= 4; i++) {
            h.append("<span>").append(num(longest * i / 4)).append(" s</span>");
        }
        h.append("</div></section>\n");

        for (JsonNode c : s.path("cameras")) {
            camera(h, c);
        }

        h.append("<section><h2>Close contacts</h2>");
        if (s.path("contacts").isEmpty()) {
            h.append("<p class=\"muted\">Nobody stayed close to the target for long enough to count as a contact.</p>");
        } else {
            h.append("<table><tr><th>camera</th><th>target id</th><th>other id</th><th>from</th><th>to</th>"
                    + "<th>duration</th><th>closest (body heights)</th><th></th></tr>");
            for (JsonNode x : s.path("contacts")) {
                h.append("<tr><td>").append(esc(x.path("camera").asText())).append("</td><td>")
                        .append(x.path("targetTrack").asInt()).append("</td><td>").append(x.path("otherTrack").asInt())
                        .append("</td><td>").append(num(x.path("start").asDouble())).append(" s</td><td>")
                        .append(num(x.path("end").asDouble())).append(" s</td><td>")
                        .append(num(x.path("duration").asDouble())).append(" s</td><td>")
                        .append(num(x.path("minDistance").asDouble())).append("</td><td>");
                if (!x.path("image").isNull() && !x.path("image").asText().isEmpty()) {
                    h.append("<a href=\"").append(attr(x.path("image").asText())).append("\">frame</a>");
                }
                h.append("</td></tr>");
            }
            h.append("</table><p class=\"muted\">Distance between the feet of the two people divided by their mean "
                    + "height; closer than 1 for at least a second counts.</p>");
        }
        h.append("</section>\n<p class=\"muted\">Every frame: <code>results.json</code>; annotated frames under "
                + "<code>frames/</code> (red: target, orange: close to the target, grey: others with their track id)."
                + "</p>\n</main></body></html>\n");
        return h.toString();
    }

    private static void timeline(StringBuilder h, JsonNode s, JsonNode c, double longest) {
        String name = c.path("camera").asText();
        double span = longest > 0 ? longest : 1;
        h.append("<div class=\"lane\"><span class=\"name\">").append(esc(name)).append("</span><div class=\"bar\">");
        for (JsonNode seg : c.path("targetSeen")) {
            segment(h, "seen", seg.get(0).asDouble(), seg.get(1).asDouble(), span,
                    "target seen " + num(seg.get(0).asDouble()) + "–" + num(seg.get(1).asDouble()) + " s");
        }
        h.append("</div></div><div class=\"lane\"><span class=\"name\">contacts</span><div class=\"bar\">");
        for (JsonNode x : s.path("contacts")) {
            if (x.path("camera").asText().equals(name)) {
                segment(h, "contact", x.path("start").asDouble(), x.path("end").asDouble(), span,
                        "contact with id " + x.path("otherTrack").asInt() + ", " + num(x.path("start").asDouble())
                                + "–" + num(x.path("end").asDouble()) + " s");
            }
        }
        h.append("</div></div>");
    }

    private static void segment(StringBuilder h, String cls, double from, double to, double span, String title) {
        double left = Math.max(0, Math.min(100, 100 * from / span));
        double width = Math.max(0.4, Math.min(100 - left, 100 * (to - from) / span));
        h.append("<i class=\"").append(cls).append("\" style=\"left:").append(num(left)).append("%;width:")
                .append(num(width)).append("%\" title=\"").append(attr(title)).append("\"></i>");
    }

    private static void camera(StringBuilder h, JsonNode c) {
        h.append("<section><h2>Camera ").append(esc(c.path("camera").asText())).append("</h2><p>")
                .append(c.path("frames").asLong()).append(" frames, ").append(c.path("detections").asLong())
                .append(" detections, ").append(c.path("tracks").asLong()).append(" tracks; target found in ")
                .append(c.path("framesWithTarget").asLong()).append(" frames (")
                .append(pct(c.path("targetFoundPercent").asDouble())).append(") as track ");
        List<String> ids = new ArrayList<>();
        c.path("targetTracks").forEach(t -> ids.add(t.asText()));
        h.append(ids.isEmpty() ? "—" : esc(String.join(", ", ids))).append(", ").append(c.path("idSwitches").asInt())
                .append(c.path("idSwitches").asInt() == 1 ? " id switch; " : " id switches; ")
                .append(c.path("contacts").asLong()).append(c.path("contacts").asLong() == 1 ? " close contact."
                        : " close contacts.")
                .append(c.path("ended").asBoolean() ? "" : " <b>The camera did not finish.</b>").append("</p>");
        if (c.path("gallery").size() > 0) {
            h.append("<h3>The target's best crops</h3><div class=\"strip gallery\">");
            for (JsonNode g : c.path("gallery")) {
                h.append("<figure><img src=\"").append(attr(g.path("image").asText())).append("\" alt=\"target\"><figcaption>")
                        .append(num(g.path("time").asDouble())).append(" s · ").append(num(g.path("score").asDouble()))
                        .append("</figcaption></figure>");
            }
            h.append("</div>");
        }
        if (c.path("keyFrames").size() > 0) {
            h.append("<h3>Key frames</h3><div class=\"strip keys\">");
            for (JsonNode k : c.path("keyFrames")) {
                h.append("<figure><a href=\"").append(attr(k.path("image").asText())).append("\"><img src=\"")
                        .append(attr(k.path("image").asText())).append("\" alt=\"frame\"></a><figcaption>frame ")
                        .append(k.path("frame").asLong()).append(": ").append(esc(k.path("caption").asText()))
                        .append("</figcaption></figure>");
            }
            h.append("</div>");
        }
        h.append("</section>\n");
    }

    private static void card(StringBuilder h, String value, String label) {
        h.append("<div class=\"card\"><b>").append(esc(value)).append("</b><span>").append(esc(label))
                .append("</span></div>");
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    private static String pct(double v) {
        return num(v) + "%";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** A relative path or text inside an attribute. */
    private static String attr(String text) {
        return esc(text);
    }
}
