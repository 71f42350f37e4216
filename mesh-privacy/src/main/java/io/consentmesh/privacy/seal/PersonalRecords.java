package io.consentmesh.privacy.seal;

import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.privacy.PersonalKind;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.runtime.chain.SubjectRef;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seals and opens the {@link Personal} fields of a contract record (an event payload) as a whole: the fields are found
 * once per type, from the contract's declarations, so no producer or consumer lists them.
 */
public final class PersonalRecords {

    /** A record type's components, each one's {@link PersonalKind} (null when not personal), its constructor. */
    private record Shape(RecordComponent[] components, PersonalKind[] kinds, Constructor<?> constructor) {}

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private PersonalRecords() {}

    /** A copy of {@code record} with its personal text fields sealed for {@code subject}. */
    public static <R extends Record> R seal(R record, SubjectRef subject, Sealer sealer) {
        return rebuild(record, (kind, field, value) -> sealer.seal(subject, field, value));
    }

    /**
     * A copy of {@code record} with its personal fields opened; a field whose key is gone becomes {@code erased} (a
     * marker the reader recognises, such as null), never an error.
     */
    public static <R extends Record> R open(R record, Opener opener, String erased) {
        return rebuild(record, (kind, field, value) -> {
            Revealed revealed = opener.open(field, value);
            return revealed.erased() ? erased : revealed.text();
        });
    }

    /**
     * A copy of {@code record} with its personal fields cut to what a reader needs without the person: a number to
     * its routing prefix ({@link PhoneNumbers#routingPrefix}), any other text emptied. For events in clear (a
     * version 1 event) that a service keeps.
     */
    public static <R extends Record> R minimise(R record) {
        return rebuild(
                record,
                (kind, field, value) -> kind == PersonalKind.PHONE_NUMBER ? PhoneNumbers.routingPrefix(value) : "");
    }

    /** The values of {@code record}'s personal fields (to make an {@link Opener} for a batch). */
    public static List<Object> personalValues(Record record) {
        Shape shape = shape(record.getClass());
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < shape.components().length; i++) {
            if (shape.kinds()[i] != null) {
                values.add(value(shape.components()[i], record));
            }
        }
        return values;
    }

    /** True when any personal field of {@code record} was sealed with a key this opener does not have (erased). */
    public static boolean anyErased(Record record, Opener opener) {
        return personalValues(record).stream().anyMatch(opener::erased);
    }

    /** What replaces a personal field's text value, knowing its kind and name. */
    private interface PersonalField {
        String replace(PersonalKind kind, String field, String value);
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R rebuild(R record, PersonalField personalField) {
        Shape shape = shape(record.getClass());
        Object[] values = new Object[shape.components().length];
        boolean changed = false;
        for (int i = 0; i < values.length; i++) {
            RecordComponent component = shape.components()[i];
            Object value = value(component, record);
            if (shape.kinds()[i] != null && value != null) {
                Object replaced = personalField.replace(shape.kinds()[i], component.getName(), (String) value);
                changed |= replaced != value;
                value = replaced;
            }
            values[i] = value;
        }
        if (!changed) {
            return record;
        }
        try {
            return (R) shape.constructor().newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot rebuild " + record.getClass().getSimpleName(), e);
        }
    }

    private static Shape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, t -> {
            RecordComponent[] components = t.getRecordComponents();
            PersonalKind[] kinds = new PersonalKind[components.length];
            for (int i = 0; i < components.length; i++) {
                Personal personal = components[i].getAnnotation(Personal.class);
                kinds[i] = personal == null ? null : personal.value();
                if (personal != null && components[i].getType() != String.class) {
                    throw new IllegalStateException(
                            t.getSimpleName() + "." + components[i].getName() + " is @Personal but not text");
                }
            }
            try {
                Constructor<?> constructor = t.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
                return new Shape(components, kinds, constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record always has its canonical constructor", e);
            }
        });
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
