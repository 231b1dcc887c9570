package io.wechatadvisor.recommendation.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import io.wechatadvisor.recommendation.api.PlainJson.Names;

/**
 * How a record is read from plain JSON: an object of its components by name, each at most once, flags as
 * {@code true}/{@code false}, texts and choices as plain strings, a list of choices as an array of at most
 * {@code maxElements}, a record inside as an object read the same way. Anything else, a JSON null included, is "not
 * plain" (null), for a full JSON reader to decide. Built from the record's components, so a new field is read too.
 */
final class PlainRecord {

    private enum Kind { FLAG, TEXT, CHOICE, CHOICES, RECORD, OTHER }

    /** A component: where its value goes, how it is read, its choices or its record's shape. */
    private record Component(int index, Kind kind, Names choices, PlainRecord record) {
    }

    private final Names components;
    private final Constructor<?> constructor;
    private final int maxElements;

    PlainRecord(Class<? extends Record> type, int maxElements) {
        RecordComponent[] recordComponents = type.getRecordComponents();
        Class<?>[] types = new Class<?>[recordComponents.length];
        List<String> names = new ArrayList<>();
        List<Component> byIndex = new ArrayList<>();
        for (int i = 0; i < recordComponents.length; i++) {
            types[i] = recordComponents[i].getType();
            names.add(recordComponents[i].getName());
            byIndex.add(component(i, recordComponents[i], maxElements));
        }
        this.components = new Names(names, byIndex);
        this.maxElements = maxElements;
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no canonical constructor", e);
        }
    }

    private static Component component(int index, RecordComponent component, int maxElements) {
        Class<?> type = component.getType();
        if (type == Boolean.class) {
            return new Component(index, Kind.FLAG, null, null);
        }
        if (type == String.class) {
            return new Component(index, Kind.TEXT, null, null);
        }
        if (type.isEnum()) {
            return new Component(index, Kind.CHOICE, byName(type), null);
        }
        if (type.isRecord()) {
            return new Component(index, Kind.RECORD, null,
                    new PlainRecord(type.asSubclass(Record.class), maxElements));
        }
        if (type == List.class && component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isEnum()) {
            return new Component(index, Kind.CHOICES, byName(element), null);
        }
        return new Component(index, Kind.OTHER, null, null);
    }

    private static Names byName(Class<?> enumType) {
        List<Object> constants = List.of(enumType.getEnumConstants());
        return new Names(constants.stream().map(constant -> ((Enum<?>) constant).name()).toList(), constants);
    }

    /** The record the next object holds, or null if that object is not plain. */
    Object read(PlainJson json) {
        if (!json.skipTo('{')) {
            return null;
        }
        Object[] values = new Object[constructor.getParameterCount()];
        boolean[] seen = new boolean[values.length];
        if (!json.skipTo('}')) {
            do {
                Component component = (Component) json.find(components);
                if (component == null || seen[component.index()] || !json.skipTo(':')) {
                    return null;
                }
                seen[component.index()] = true;
                Object value = value(component, json);
                if (value == null) {
                    return null;
                }
                values[component.index()] = value;
            } while (json.skipTo(','));
            if (!json.skipTo('}')) {
                return null;
            }
        }
        try {
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private Object value(Component component, PlainJson json) {
        return switch (component.kind()) {
            case FLAG -> json.flag();
            case TEXT -> json.text();
            case CHOICE -> json.find(component.choices());
            case CHOICES -> choices(component.choices(), json);
            case RECORD -> component.record().read(json);
            case OTHER -> null;
        };
    }

    private List<Object> choices(Names choices, PlainJson json) {
        if (!json.skipTo('[')) {
            return null;
        }
        List<Object> list = new ArrayList<>();
        if (json.skipTo(']')) {
            return list;
        }
        do {
            Object choice = json.find(choices);
            if (choice == null || list.size() == maxElements) {
                return null;
            }
            list.add(choice);
        } while (json.skipTo(','));
        return json.skipTo(']') ? list : null;
    }
}
