using Pathway.Episodes;

namespace Pathway.People;

/// <summary>
/// One human being across every provider and bundle, identified by the attributor triple
/// initials + date of birth + sex (exchange-format.md). Client records from different sources with the
/// same triple belong to the same person.
/// </summary>
public class Person
{
    public int Id { get; set; }
    public required string Initials { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public Sex Sex { get; set; }

    public List<ClientRecord> ClientRecords { get; set; } = [];
    public List<Episode> Episodes { get; set; } = [];

    public int AgeOn(DateOnly day) => Age.On(DateOfBirth, day);
}

public enum Sex
{
    [Infrastructure.Code("M")] Male,
    [Infrastructure.Code("F")] Female,
    [Infrastructure.Code("X")] Other,
    [Infrastructure.Code("U")] NotStated,
}

public static class Age
{
    /// <summary>Whole years completed on <paramref name="day"/>; someone born on 29 February ages on 1 March in common years.</summary>
    public static int On(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day)) age--;
        return age;
    }
}
