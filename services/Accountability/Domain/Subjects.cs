using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Accountability.Domain;

/// <summary>
/// A person by pseudonymous reference only (AC-12, AC-13): an opaque token issued by the personnel system, never a
/// name, ID number or phone number. Only ASCII letters, digits and <c>._:-</c> are admitted, so a Chinese name cannot
/// slip in, and strings shaped like a 居民身份证 number or a mobile number are refused.
/// </summary>
public sealed partial record PersonRef
{
    public PersonRef(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Token().IsMatch(value))
        {
            throw new InvalidInputException("person_ref", "a pseudonymous reference of 3-64 ASCII letters, digits or ._:- is required");
        }

        if (IdNumberShape().IsMatch(value) || MobileShape().IsMatch(value))
        {
            throw new InvalidInputException("person_ref", "looks like an ID or phone number; use the pseudonymous reference");
        }

        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{2,63}$")]
    private static partial Regex Token();

    [GeneratedRegex("^[0-9]{17}[0-9Xx]$")]
    private static partial Regex IdNumberShape();

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex MobileShape();
}

/// <summary>A unit (agency or one of its sections) by its code and name; units are named in decisions (AC-13).</summary>
public sealed record UnitRef
{
    public UnitRef(string code, string name)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new InvalidInputException("unit.code", "the unit's code is required");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidInputException("unit.name", "the unit's name is required");
        }

        Code = code.Trim();
        Name = name.Trim();
    }

    public string Code { get; }

    public string Name { get; }
}

/// <summary>Whom a measure, notice, appeal or record concerns: a unit or a person.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(UnitSubject), "unit")]
[JsonDerivedType(typeof(PersonSubject), "person")]
public abstract record Subject;

public sealed record UnitSubject(UnitRef Unit) : Subject;

public sealed record PersonSubject(PersonRef Person) : Subject;
