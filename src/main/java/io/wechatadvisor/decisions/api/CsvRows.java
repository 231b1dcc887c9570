package io.wechatadvisor.decisions.api;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wechatadvisor.decisions.store.DecisionRow;

/**
 * Decisions as CSV (RFC 4180) for spreadsheets and data warehouses: one row a decision, the answer
 * flattened (ranking as {@code PRODUCT:score:FIT|…}), attribution and consent in their own columns.
 * A cell a spreadsheet would run as a formula (it starts with = + - @) is prefixed with {@code '}.
 */
final class CsvRows implements DecisionResource.RowWriter {

    static final String[] COLUMNS = { "decisionId", "decidedAt", "tenant", "channel", "externalId", "language",
        "rulesVersion", "primary", "primaryScore", "primaryFit", "ranking", "excluded", "companions", "unmetNeeds",
        "pageUri", "referrer", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent",
        "consentProcessing", "consentMarketing", "piplSeparateConsent", "piplCrossBorder" };

    private final Writer writer;
    private final ObjectMapper mapper;

    CsvRows(Writer writer, ObjectMapper mapper) {
        this.writer = writer;
        this.mapper = mapper;
    }

    @Override
    public void header() throws IOException {
        line(List.of(COLUMNS));
    }

    @Override
    public void write(DecisionRow row) throws IOException {
        JsonNode record = mapper.readTree(row.json());
        JsonNode first = record.path("recommendations").path(0);
        List<String> cells = new ArrayList<>(COLUMNS.length);
        cells.add(row.decisionId().toString());
        cells.add(text(record, "/decidedAt"));
        cells.add(row.tenant());
        cells.add(row.channel());
        cells.add(row.externalId());
        cells.add(text(record, "/language"));
        cells.add(row.rulesVersion());
        cells.add(row.primary());
        cells.add(text(first, "/score"));
        cells.add(text(first, "/fit"));
        cells.add(joined(record.path("recommendations"), r -> r.path("product").asText() + ":" + r.path("score").asText()
                + ":" + r.path("fit").asText()));
        cells.add(joined(record.path("excluded"), e -> e.path("product").asText()));
        cells.add(joined(record.at("/plan/companions"), c -> c.path("product").asText()));
        cells.add(joined(record.at("/plan/unmetNeeds"), u -> u.path("need").asText()));
        for (String pointer : new String[] { "/context/pageUri", "/context/referrer", "/context/utm/source",
            "/context/utm/medium", "/context/utm/campaign", "/context/utm/term", "/context/utm/content",
            "/consent/processing", "/consent/marketing", "/consent/pipl/separateConsent", "/consent/pipl/crossBorder" }) {
            cells.add(text(record, pointer));
        }
        line(cells);
    }

    private void line(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(cells.get(i)));
        }
        writer.write("\r\n");
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static String joined(JsonNode array, java.util.function.Function<JsonNode, String> part) {
        List<String> parts = new ArrayList<>();
        array.forEach(item -> parts.add(part.apply(item)));
        return String.join("|", parts);
    }
}
