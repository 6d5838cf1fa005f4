using System.Reflection;
using System.Runtime.CompilerServices;

/// <summary>
/// The bytes a record's object graph occupies on the managed heap (the record, its strings, arrays and nested
/// objects, each counted once): what a parser cannot avoid allocating for a line, to compare its real allocation with.
/// </summary>
public static class RecordSize
{
    private static readonly Dictionary<Type, long> InstanceSizes = [];

    public static long Of(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        return Walk(root, seen);
    }

    private static long Walk(object? value, HashSet<object> seen)
    {
        if (value is null || !seen.Add(value) || value is Type)
        {
            return 0;
        }
        switch (value)
        {
            case string s:
                // Interned literals ("", "R", an enum's name) cost a parser nothing.
                return string.IsInterned(s) is not null ? 0 : Align(20 + 2 * (s.Length + 1));
            case Array array:
                var elementType = array.GetType().GetElementType()!;
                var elementSize = elementType.IsValueType ? Marshal(elementType) : IntPtr.Size;
                var size = Align(24 + (long)elementSize * array.Length);
                if (!elementType.IsValueType)
                {
                    foreach (var element in array)
                    {
                        size += Walk(element, seen);
                    }
                }
                return size;
        }
        var type = value.GetType();
        if (type.IsValueType || type.IsEnum)
        {
            return 0;
        }
        var total = InstanceSize(type);
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsValueType)
                {
                    total += Walk(field.GetValue(value), seen);
                }
            }
        }
        return total;
    }

    /// <summary>Measured, not computed: the allocation of one uninitialized instance.</summary>
    private static long InstanceSize(Type type)
    {
        if (!InstanceSizes.TryGetValue(type, out var size))
        {
            if (type.IsSubclassOf(typeof(Delegate)))
            {
                // PSObject's members hold delegates, which cannot be made uninitialized: a delegate is 64 bytes.
                return InstanceSizes[type] = 64;
            }
            RuntimeHelpers.GetUninitializedObject(type);
            var before = GC.GetAllocatedBytesForCurrentThread();
            RuntimeHelpers.GetUninitializedObject(type);
            size = GC.GetAllocatedBytesForCurrentThread() - before;
            InstanceSizes[type] = size;
        }
        return size;
    }

    private static int Marshal(Type valueType) => valueType.IsPrimitive || valueType.IsEnum
        ? System.Runtime.InteropServices.Marshal.SizeOf(valueType.IsEnum ? Enum.GetUnderlyingType(valueType) : valueType)
        : Unsafe.SizeOf<long>() * 2;

    private static long Align(long bytes) => (bytes + 7) & ~7L;
}
