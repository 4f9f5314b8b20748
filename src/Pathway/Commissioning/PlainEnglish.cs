using System.Globalization;
using Pathway.Indicators;

namespace Pathway.Commissioning;

/// <summary>
/// One plain-English sentence per figure, for committee papers: it names the numbers a figure is made of,
/// e.g. "38 of 412 people (9.2%) ...". Counts only, never a person.
/// </summary>
public static class PlainEnglish
{
    // The application runs in invariant-globalisation mode; the invariant culture writes English numbers (1,234.5).
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static string Title(string id) => id switch
    {
        "completion.opiate" => "Successful completions: opiates",
        "completion.non_opiate" => "Successful completions: non-opiates",
        "completion.alcohol" => "Successful completions: alcohol",
        "in_treatment.total" => "Adults in treatment",
        "in_treatment.opiate" => "In treatment: opiates",
        "in_treatment.non_opiate_only" => "In treatment: non-opiates only",
        "in_treatment.non_opiate_and_alcohol" => "In treatment: non-opiates and alcohol",
        "in_treatment.alcohol_only" => "In treatment: alcohol only",
        "new_presentations.total" => "New presentations",
        "young_people.in_treatment" => "Young people in treatment",
        "young_people.new_presentations" => "Young people: new presentations",
        Deaths.Id => "Deaths in treatment",
        Retention.Id => "Retained in treatment for 12 weeks",
        PrisonContinuity.Id => "Prison referrals seen within 3 weeks",
        "waiting.median_days" => "Median wait (days)",
        "waiting.over_3_weeks" => "Waited over 3 weeks",
        "outcomes.abstinent" => "Abstinent from main substance at review",
        "outcomes.housing_resolved" => "Housing problem resolved",
        "outcomes.offending_stopped" => "Offending stopped",
        "outcomes.paid_work" => "Into paid work",
        "access.digital_contacts" => "Digital contacts",
        "access.online_self_referrals" => "Online self-referrals",
        "access.dna_rate" => "Did not attend",
        "access.residential_rehab" => "Residential rehabilitation",
        _ when id.StartsWith("access.channel.", StringComparison.Ordinal) => "Attended contacts: " + Words(id["access.channel.".Length..]),
        "referral_source.self" => "Self-referrals",
        "referral_source.online_self" => "Online self-referrals",
        _ when id.StartsWith("referral_source.", StringComparison.Ordinal) => "Referrals from " + Words(id["referral_source.".Length..]),
        _ => id,
    };

    public static string Words(string code) => code switch
    {
        "gp" => "GPs",
        "nps" => "new psychoactive substances",
        _ => code.Replace('_', ' '),
    };

    public static string Value(Figure f) => f.Value switch
    {
        null when f.Suppressed => f.Kind == FigureKind.Count ? PublicFigures.FewerThan : "not shown",
        null => "no data",
        { } v when f.Kind == FigureKind.Rate => v.ToString("0.0", En) + "%",
        { } v when f.Kind == FigureKind.Median => v.ToString("0.0", En) + " days",
        { } v => ((long)v).ToString("N0", En),
    };

    private static string N(long? n) => (n ?? 0).ToString("N0", En);

    /// <summary>"1 adult was" or "12 adults were": a count with its noun and verb agreeing.</summary>
    private static string Count(Figure f, string one, string many, string? verb = null)
    {
        var single = f.Value == 1;
        var words = $"{Value(f)} {(single ? one : many)}";
        return verb is null ? words : $"{words} {(single ? "was" : "were")}";
    }
    private static string Of(Figure f, string what) => $"{N(f.Numerator)} of {N(f.Denominator)} {what} ({Value(f)})";

    public static string Sentence(Figure f)
    {
        if (f.Suppressed && f.Kind != FigureKind.Count)
            return $"{Title(f.Id)}: not shown, because it is made of fewer than 5 people, and a public paper must not let anyone be recognised.";
        if (f.Kind == FigureKind.Rate && f.Denominator == 0)
            return $"{Title(f.Id)}: nobody was counted in this period, so there is no rate.";
        var provisional = f.Provisional != true ? ""
            : f.Id == Retention.Id ? " This figure is provisional: some people started less than 12 weeks before the records' date."
            : " This figure is provisional: some six-month follow-ups have not yet ended.";
        var sentence = f.Id switch
        {
            "completion.opiate" or "completion.non_opiate" or "completion.alcohol" =>
                $"{Of(f, $"adults in treatment for {FamilyWords(f.Id)}")} completed treatment successfully and did not return within six months.{provisional}",
            "in_treatment.total" => $"{Count(f, "adult", "adults", "were")} in treatment at some time in the period.",
            "new_presentations.total" => $"{Count(f, "adult", "adults")} started treatment in the period (a return within three weeks of leaving, or a move between services, is not a new start).",
            "young_people.in_treatment" => $"{Count(f, "young person", "young people", "were")} in treatment at some time in the period.",
            "young_people.new_presentations" => $"{Count(f, "young person", "young people")} started treatment in the period.",
            Deaths.Id => $"{Count(f, "adult", "adults")} died while in treatment in the period.",
            Retention.Id => $"{Of(f, "adults starting treatment in the period")} were still in treatment 12 weeks later, or had completed it successfully by then.{provisional}",
            PrisonContinuity.Id => $"{Of(f, "referrals from prison")} were seen (triaged) within three weeks of referral.",
            "waiting.median_days" => f.Value is null ? "Nobody started an intervention in the period." : $"Half of adults starting treatment waited {Value(f)} or less from referral to their first intervention.",
            "waiting.over_3_weeks" => $"{Of(f, "adults starting an intervention")} waited more than three weeks from referral.",
            "outcomes.abstinent" => $"{Of(f, "adults using their main substance at the start of treatment")} had stopped using it at their six-month review.",
            "outcomes.housing_resolved" => $"{Of(f, "adults with an acute housing problem at the start")} no longer had one at their six-month review.",
            "outcomes.offending_stopped" => $"{Of(f, "adults offending at the start")} reported no offending at their six-month review.",
            "outcomes.paid_work" => $"{Of(f, "adults not in paid work at the start")} were in paid work at their six-month review.",
            "access.digital_contacts" => $"{Of(f, "attended contacts")} were by phone, video or online.",
            "access.online_self_referrals" => $"{Count(f, "adult", "adults")} referred themselves online.",
            "access.dna_rate" => $"{Of(f, "booked contacts")} were missed (did not attend).",
            "access.residential_rehab" => $"{Count(f, "adult", "adults")} started residential rehabilitation.",
            "referral_source.self" => $"{Count(f, "adult", "adults")} referred themselves.",
            "referral_source.online_self" => $"{Count(f, "adult", "adults")} referred themselves online.",
            _ when f.Id.StartsWith("referral_source.", StringComparison.Ordinal) =>
                $"{Count(f, "adult", "adults", "were")} referred by {Words(f.Id["referral_source.".Length..])}.",
            _ => $"{Title(f.Id)}: {Value(f)}.",
        };
        // A withheld count starts its sentence with "fewer than 5".
        return char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }

    private static string FamilyWords(string id) => id switch
    {
        "completion.opiate" => "opiates",
        "completion.non_opiate" => "non-opiates",
        _ => "alcohol",
    };
}
