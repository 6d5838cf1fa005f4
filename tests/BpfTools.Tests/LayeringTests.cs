using System.Reflection;
using System.Reflection.Emit;
using Xunit;

namespace BpfTools.Tests;

/// <summary>
/// Data flows one way (CONTRIBUTING.md): records and errors at the bottom; parsers, and the locator (what this host
/// has), above them, side by side; the catalog above both; the runner above the catalog; cmdlets on top. A namespace
/// uses only lower layers, never one beside it. Read from the built assembly: every type that a type's signatures,
/// attributes and method bodies name.
/// </summary>
public class LayeringTests
{
    // Each namespace's layer; a namespace may use its own layer's and lower layers' types only.
    private static readonly Dictionary<string, int> Layers = new()
    {
        ["BpfTools.Errors"] = 0,
        ["BpfTools.Records"] = 0,
        ["BpfTools.Parsers"] = 1,
        ["BpfTools.Locator"] = 1,
        ["BpfTools.Pictures"] = 1,
        ["BpfTools.Symbols"] = 1,
        ["BpfTools.Catalog"] = 2,
        ["BpfTools.Runner"] = 3,
        ["BpfTools.Commands"] = 4,
    };

    [Fact]
    public void No_namespace_uses_one_above_it()
    {
        var assembly = typeof(Records.ExecEvent).Assembly;
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var from = LayerOf(type);
            foreach (var used in TypeReferences.Of(type).Where(t => t.Assembly == assembly))
            {
                var to = LayerOf(used);
                if (from.Layer is { } a && to.Layer is { } b && (b > a || (b == a && from.Namespace != to.Namespace)))
                {
                    violations.Add($"{Outer(type).FullName} uses {Outer(used).FullName}");
                }
            }
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void Every_namespace_has_a_layer()
    {
        // Compiler-made types (collection-expression and regex helpers) are outside BpfTools' namespaces: no layer.
        var unknown = typeof(Records.ExecEvent).Assembly.GetTypes()
            .Select(t => Outer(t).Namespace).Where(n => n?.StartsWith("BpfTools", StringComparison.Ordinal) == true && !Layers.ContainsKey(n))
            .Distinct().ToList();
        Assert.Empty(unknown);
    }

    private static (string? Namespace, int? Layer) LayerOf(Type type)
    {
        var ns = Outer(type).Namespace;
        return (ns, ns is not null && Layers.TryGetValue(ns, out var layer) ? layer : null);
    }

    private static Type Outer(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }
}

/// <summary>The types one type names: base, interfaces, members' signatures, attributes, and its methods' IL.</summary>
internal static class TypeReferences
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static IEnumerable<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || !found.Add(t))
            {
                return;
            }
            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }
            if (t.IsGenericType)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }
        foreach (var attribute in type.GetCustomAttributesData())
        {
            Add(attribute.AttributeType);
        }
        foreach (var field in type.GetFields(All))
        {
            Add(field.FieldType);
        }
        foreach (var property in type.GetProperties(All))
        {
            Add(property.PropertyType);
            foreach (var attribute in property.GetCustomAttributesData())
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments)
                {
                    Add(argument.Value as Type);
                }
            }
        }
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }
            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }
            foreach (var used in InBody(method))
            {
                Add(used);
            }
        }
        return found;
    }

    // The types named by the tokens of a method body's instructions (calls, fields, new objects, casts...).
    private static IEnumerable<Type> InBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }
        var module = method.Module;
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    Type? used = null;
                    try
                    {
                        used = module.ResolveMember(token, typeArguments, methodArguments) switch
                        {
                            Type t => t,
                            MemberInfo m => m.DeclaringType,
                            _ => null,
                        };
                    }
                    catch (ArgumentException)
                    {
                        // A token into another generic context: its declaring type is outside what layering checks.
                    }
                    if (used is not null)
                    {
                        yield return used;
                    }
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }
}
