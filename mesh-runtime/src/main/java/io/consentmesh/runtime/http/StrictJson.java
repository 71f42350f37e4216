package io.consentmesh.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.contracts.json.InputRules;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Every service's request bodies are read under the mesh's input rules ({@link InputRules}), each string no longer
 * than its field's documented limit ({@link FieldLengths}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        InputRules.apply(mapper, new FieldLengths());
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY; // last: after the time module, whose Instant reader the rules replace
    }
}
