using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>
/// What compiled methods do, read from their IL: the members they call, read or create, and the integers they load.
/// An async method's work is in its state machine, which is read with it.
/// </summary>
internal static class CompiledCode
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    /// <summary>The members the method's IL names (methods, constructors, fields, types).</summary>
    public static IEnumerable<MemberInfo> MembersUsedBy(MethodBase method) =>
        WithStateMachine(method).SelectMany(Read).Select(instruction => instruction.Member).OfType<MemberInfo>();

    /// <summary>The integer constants the method's IL loads.</summary>
    public static IEnumerable<long> IntegersLoadedBy(MethodBase method) =>
        WithStateMachine(method).SelectMany(Read).Select(instruction => instruction.Integer).OfType<long>();

    /// <summary>Every method and constructor the type declares, its nested (compiler-made) types' included.</summary>
    public static IEnumerable<MethodBase> MethodsOf(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Cast<MethodBase>()
            .Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static))
            .Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(MethodsOf));

    /// <summary>The types a member's signature names: its declaring type, and for a method its return and parameter types.</summary>
    public static IEnumerable<Type> TypesNamedBy(MemberInfo member)
    {
        var named = member switch
        {
            Type type => [type],
            MethodInfo method => [method.DeclaringType, method.ReturnType, .. method.GetParameters().Select(parameter => parameter.ParameterType)],
            ConstructorInfo constructor => [constructor.DeclaringType, .. constructor.GetParameters().Select(parameter => parameter.ParameterType)],
            FieldInfo field => [field.DeclaringType, field.FieldType],
            _ => new Type?[] { member.DeclaringType },
        };
        return named.OfType<Type>().SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsGenericType && !type.IsGenericTypeDefinition
            ? [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Unwrap)]
            : [type];
    }

    private static IEnumerable<MethodBase> WithStateMachine(MethodBase method) =>
        method.GetCustomAttribute<StateMachineAttribute>() is { } stateMachine
            ? [method, .. MethodsOf(stateMachine.StateMachineType)]
            : [method];

    private static IEnumerable<(MemberInfo? Member, long? Integer)> Read(MethodBase method)
    {
        byte[] il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? unchecked((short)(0xFE00 | il[at + 1])) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineI:
                    yield return (null, (sbyte)il[at]);
                    at += 1;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI:
                    yield return (null, BitConverter.ToInt32(il, at));
                    at += 4;
                    break;
                case OperandType.InlineI8:
                    yield return (null, BitConverter.ToInt64(il, at));
                    at += 8;
                    break;
                case OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return (method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments), null);
                    at += 4;
                    break;
                default:
                    // InlineBrTarget, InlineString, InlineSig, ShortInlineR: a four-byte operand that names no member.
                    at += 4;
                    break;
            }
        }
    }
}
