using System.Globalization;
using Pathway.Infrastructure;

namespace Pathway.Safeguarding;

/// <summary>The flags as a form gives them: choices as values, numbers and dates as typed or bound.</summary>
public sealed class RiskFlagsInput
{
    public bool? ChildrenInHousehold { get; set; }
    /// <summary>As typed, so "two" gets a sentence rather than a binder's message.</summary>
    public string? ChildrenCount { get; set; }
    public bool? DomesticAbuse { get; set; }
    public DateOnly? MaracReferralDate { get; set; }
    public OverdoseRisk? OverdoseRisk { get; set; }
    public string? OverdoseRiskReason { get; set; }

    public static RiskFlagsInput Of(RiskFlags f) => new()
    {
        ChildrenInHousehold = f.ChildrenInHousehold, ChildrenCount = f.ChildrenCount?.ToString(CultureInfo.InvariantCulture),
        DomesticAbuse = f.DomesticAbuse, MaracReferralDate = f.MaracReferralDate, OverdoseRisk = f.OverdoseRisk,
        OverdoseRiskReason = f.OverdoseRiskReason,
    };
}

/// <summary>A flag as the case page heading and the caseload show it: an NHS.UK tag of a colour.</summary>
public sealed record FlagTag(string Text, string Colour);

/// <summary>
/// The rules of the risk and safeguarding flags, once: each returns null when kept, else the reason (see <see cref="RecordRules"/>);
/// <see cref="Check"/> applies them all in the form's field order, and <see cref="Tags"/> is how every page shows the flags.
/// </summary>
public static class RiskFlagRules
{
    public const int ReasonLength = 500;
    public static readonly WholeNumbers Children = new(1, 20);

    public const string BeforeBirth = "must not be before the client's date of birth";
    public const string CountOnlyWithChildren = "can only be given when there are children in the household";
    public const string MaracOnlyWithDomesticAbuse = "can only be given when domestic abuse is recorded";
    public const string ReasonRequired = "must be given for a medium or high overdose risk";
    public const string ReasonWithoutRisk = "can only be given with an overdose risk";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(RiskFlagsInput.ChildrenInHousehold)] = "Children in the household",
        [nameof(RiskFlagsInput.ChildrenCount)] = "Number of children",
        [nameof(RiskFlagsInput.DomesticAbuse)] = "Domestic abuse",
        [nameof(RiskFlagsInput.MaracReferralDate)] = "MARAC referral date",
        [nameof(RiskFlagsInput.OverdoseRisk)] = "Overdose risk",
        [nameof(RiskFlagsInput.OverdoseRiskReason)] = "Reason for the overdose risk",
    };

    /// <summary>The count is optional ("yes, number not known"), never without children.</summary>
    public static string? ChildrenCount(bool? childrenInHousehold, int count) =>
        childrenInHousehold is not true ? CountOnlyWithChildren : Children.Check(count);

    /// <summary>A MARAC referral has happened: not in the future, not before the client was born, and only for domestic abuse.</summary>
    public static string? MaracReferralDate(bool domesticAbuse, DateOnly date, DateOnly dateOfBirth, DateOnly today) =>
        !domesticAbuse ? MaracOnlyWithDomesticAbuse
        : RecordRules.NotFuture(date, today) ?? (date < dateOfBirth ? BeforeBirth : null);

    /// <summary>A medium or high risk says why (recent overdose, release from prison, loss of tolerance …); a low one may.</summary>
    public static string? OverdoseRiskReason(OverdoseRisk? risk, string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? (risk is Safeguarding.OverdoseRisk.Medium or Safeguarding.OverdoseRisk.High ? ReasonRequired : null)
            : risk is null ? ReasonWithoutRisk
            : reason.Trim().Length > ReasonLength ? $"must be {ReasonLength} characters or fewer" : null;

    /// <summary>Every rule the flags break, one message a field, in the form's order.</summary>
    public static List<(string Field, string Message)> Check(RiskFlagsInput input, DateOnly dateOfBirth, DateOnly today)
    {
        var errors = new List<(string Field, string Message)>();
        void Rule(string field, string? reason)
        {
            if (reason is not null && errors.All(e => e.Field != field)) errors.Add((field, RecordRules.Phrase(Labels[field], reason)));
        }
        if (Clean(input.ChildrenCount) is { } typed)
            Rule(nameof(input.ChildrenCount), int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? ChildrenCount(input.ChildrenInHousehold, n) : input.ChildrenInHousehold is true ? Children.Reason : CountOnlyWithChildren);
        if (input.DomesticAbuse is null) Rule(nameof(input.DomesticAbuse), "must be answered: select yes or no");
        if (input.MaracReferralDate is { } marac)
            Rule(nameof(input.MaracReferralDate), MaracReferralDate(input.DomesticAbuse is true, marac, dateOfBirth, today));
        Rule(nameof(input.OverdoseRiskReason), OverdoseRiskReason(input.OverdoseRisk, input.OverdoseRiskReason));
        return errors;
    }

    /// <summary>Writes checked flags.</summary>
    public static void Apply(RiskFlagsInput input, RiskFlags flags)
    {
        flags.ChildrenInHousehold = input.ChildrenInHousehold;
        flags.ChildrenCount = input.ChildrenInHousehold is true && Clean(input.ChildrenCount) is { } n
            ? int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture) : null;
        flags.DomesticAbuse = input.DomesticAbuse is true;
        flags.MaracReferralDate = flags.DomesticAbuse ? input.MaracReferralDate : null;
        flags.OverdoseRisk = input.OverdoseRisk;
        flags.OverdoseRiskReason = input.OverdoseRisk is null ? null : Clean(input.OverdoseRiskReason);
    }

    /// <summary>The flags worth a tag: what is present, never "no children" or "no domestic abuse".</summary>
    public static List<FlagTag> Tags(RiskFlags? flags)
    {
        var tags = new List<FlagTag>();
        if (flags is null) return tags;
        if (flags.OverdoseRisk is { } risk)
            tags.Add(new($"Overdose risk: {risk.ToString().ToLowerInvariant()}", risk switch
            {
                Safeguarding.OverdoseRisk.High => "red", Safeguarding.OverdoseRisk.Medium => "orange", _ => "grey",
            }));
        if (flags.DomesticAbuse)
            tags.Add(new(flags.MaracReferralDate is { } m ? $"Domestic abuse (MARAC {Web.Words.Date(m)})" : "Domestic abuse", "red"));
        if (flags.ChildrenInHousehold is true)
            tags.Add(new(flags.ChildrenCount is { } c ? $"Children in household: {c}" : "Children in household", "purple"));
        return tags;
    }

    private static string? Clean(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();
}
