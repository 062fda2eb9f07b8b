package io.sreagent.core.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.text.DateFormat;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The shared mapper, frozen: its configuration was set when it was built, and every method that would change it
 * throws, so no caller can change how the whole JVM reads and writes the wire format. Jackson has no frozen mapper;
 * this covers the mutators a caller reaches for (features, modules, naming, inclusion, mix-ins, dates, locale).
 * Use {@link Json#newMapper()} for a mapper of one's own.
 */
final class FrozenMapper extends ObjectMapper {

    private static final long serialVersionUID = 1L;

    FrozenMapper(ObjectMapper configured) {
        super(configured);
    }

    private static UnsupportedOperationException frozen() {
        return new UnsupportedOperationException("the shared mapper (Json.mapper()) cannot be reconfigured; "
                + "use Json.newMapper() for a mapper of your own");
    }

    /** A configurable mapper with the same wire conventions. */
    @Override public ObjectMapper copy() { return Json.newMapper(); }

    @Override public ObjectMapper registerModule(Module module) { throw frozen(); }

    @Override public ObjectMapper registerModules(Module... modules) { throw frozen(); }

    @Override public ObjectMapper registerModules(Iterable<? extends Module> modules) { throw frozen(); }

    @Override public ObjectMapper findAndRegisterModules() { throw frozen(); }

    @Override public ObjectMapper configure(MapperFeature f, boolean state) { throw frozen(); }

    @Override public ObjectMapper configure(SerializationFeature f, boolean state) { throw frozen(); }

    @Override public ObjectMapper configure(DeserializationFeature f, boolean state) { throw frozen(); }

    @Override public ObjectMapper configure(JsonParser.Feature f, boolean state) { throw frozen(); }

    @Override public ObjectMapper configure(JsonGenerator.Feature f, boolean state) { throw frozen(); }

    @Override public ObjectMapper enable(MapperFeature... f) { throw frozen(); }

    @Override public ObjectMapper disable(MapperFeature... f) { throw frozen(); }

    @Override public ObjectMapper enable(SerializationFeature f) { throw frozen(); }

    @Override public ObjectMapper enable(SerializationFeature first, SerializationFeature... f) { throw frozen(); }

    @Override public ObjectMapper disable(SerializationFeature f) { throw frozen(); }

    @Override public ObjectMapper disable(SerializationFeature first, SerializationFeature... f) { throw frozen(); }

    @Override public ObjectMapper enable(DeserializationFeature feature) { throw frozen(); }

    @Override public ObjectMapper enable(DeserializationFeature first, DeserializationFeature... f) { throw frozen(); }

    @Override public ObjectMapper disable(DeserializationFeature feature) { throw frozen(); }

    @Override public ObjectMapper disable(DeserializationFeature first, DeserializationFeature... f) { throw frozen(); }

    @Override public ObjectMapper enable(JsonParser.Feature... features) { throw frozen(); }

    @Override public ObjectMapper disable(JsonParser.Feature... features) { throw frozen(); }

    @Override public ObjectMapper enable(JsonGenerator.Feature... features) { throw frozen(); }

    @Override public ObjectMapper disable(JsonGenerator.Feature... features) { throw frozen(); }

    @Override public ObjectMapper setPropertyNamingStrategy(PropertyNamingStrategy s) { throw frozen(); }

    @Override public ObjectMapper setSerializationInclusion(JsonInclude.Include incl) { throw frozen(); }

    @Override public ObjectMapper setDefaultPropertyInclusion(JsonInclude.Include incl) { throw frozen(); }

    @Override public ObjectMapper setDefaultPropertyInclusion(JsonInclude.Value incl) { throw frozen(); }

    @Override public ObjectMapper addMixIn(Class<?> target, Class<?> mixinSource) { throw frozen(); }

    @Override public ObjectMapper setDateFormat(DateFormat dateFormat) { throw frozen(); }

    @Override public ObjectMapper setTimeZone(TimeZone tz) { throw frozen(); }

    @Override public ObjectMapper setLocale(Locale l) { throw frozen(); }
}
