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
import java.util.function.BiFunction;

/**
 * Seals and opens the {@link Personal} fields of a contract record (an event payload) as a whole: the fields are found
 * once per type, from the contract's declarations, so no producer or consumer lists them.
 */
public final class PersonalRecords {

    private record Shape(RecordComponent[] components, boolean[] personal, Constructor<?> constructor) {}

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private PersonalRecords() {}

    /** A copy of {@code record} with its personal text fields sealed for {@code subject}. */
    public static <R extends Record> R seal(R record, SubjectRef subject, Sealer sealer) {
        return rebuild(record, (field, value) -> sealer.seal(subject, field, (String) value));
    }

    /**
     * A copy of {@code record} with its personal fields opened; a field whose key is gone becomes {@code erased} (a
     * marker the reader recognises, such as null), never an error.
     */
    public static <R extends Record> R open(R record, Opener opener, String erased) {
        return rebuild(record, (field, value) -> {
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
        Shape shape = shape(record.getClass());
        return rebuild(record, (field, value) -> {
            PersonalKind kind = Arrays.stream(shape.components())
                    .filter(c -> c.getName().equals(field))
                    .findFirst()
                    .orElseThrow()
                    .getAnnotation(Personal.class)
                    .value();
            return kind == PersonalKind.PHONE_NUMBER ? PhoneNumbers.routingPrefix((String) value) : "";
        });
    }

    /** The values of {@code record}'s personal fields (to make an {@link Opener} for a batch). */
    public static List<Object> personalValues(Record record) {
        Shape shape = shape(record.getClass());
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < shape.components().length; i++) {
            if (shape.personal()[i]) {
                values.add(value(shape.components()[i], record));
            }
        }
        return values;
    }

    /** True when any personal field of {@code record} reads as erased with this opener. */
    public static boolean anyErased(Record record, Opener opener) {
        Shape shape = shape(record.getClass());
        for (int i = 0; i < shape.components().length; i++) {
            if (shape.personal()[i]
                    && opener.open(shape.components()[i].getName(), value(shape.components()[i], record))
                            .erased()) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R rebuild(R record, BiFunction<String, Object, String> personalField) {
        Shape shape = shape(record.getClass());
        Object[] values = new Object[shape.components().length];
        boolean changed = false;
        for (int i = 0; i < values.length; i++) {
            RecordComponent component = shape.components()[i];
            Object value = value(component, record);
            if (shape.personal()[i] && value != null) {
                Object replaced = personalField.apply(component.getName(), value);
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
            boolean[] personal = new boolean[components.length];
            for (int i = 0; i < components.length; i++) {
                personal[i] = components[i].isAnnotationPresent(Personal.class);
                if (personal[i] && components[i].getType() != String.class) {
                    throw new IllegalStateException(
                            t.getSimpleName() + "." + components[i].getName() + " is @Personal but not text");
                }
            }
            try {
                Constructor<?> constructor = t.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
                return new Shape(components, personal, constructor);
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
