using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Pathway.Casework;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Casework;

/// <summary>
/// Case-work pages stay thin: a rule, a check or a save in a page handler would be one an API endpoint does not share. The
/// pages only bind, call their action (e.g. <c>CarePlanning.SaveGoalAsync</c>) and answer its outcome.
/// </summary>
public partial class ActionLayerGuardTests
{
    /// <summary>What only an action may do: save, write the change history, apply a record's rules, or validate bound input.</summary>
    [GeneratedRegex(@"TrySaveCaseAsync|SaveChangesAsync|\b\w+Rules\.|\[(?:[^\]]*[\s,])?(?:Required|StringLength|Range|MinLength|MaxLength|RegularExpression)\b|\bawait SaveAsync\(|\bCheck\(|\bHappenedInJourney\(")]
    private static partial Regex ActionOnly();

    /// <summary>
    /// Case-work pages that still hold their action. Each is a debt to pay by moving it into its feature folder like the others;
    /// the list may only shrink (a page missing from the source fails the test, so a paid debt is struck off here).
    /// </summary>
    private static readonly HashSet<string> NotYetMoved =
    [
    ];

    /// <summary>The case-work pages: every form of a case, and every page the case-work policy guards.</summary>
    private static IEnumerable<(string Name, string Text)> CaseWorkPages()
    {
        var source = RepositoryRoot.Combine("src", "Pathway");
        Assert.True(Directory.Exists(source), source);
        return Directory.EnumerateFiles(source, "*.cshtml.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Name: Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/'), Text: File.ReadAllText(f)))
            .Where(p => p.Text.Contains(": CaseFormModel(", StringComparison.Ordinal) || p.Text.Contains("Policies.CaseWork", StringComparison.Ordinal));
    }

    /// <summary>Each line of a page that does what only an action may do, as "file:line: text".</summary>
    public static List<string> Offences(string name, string text) =>
        text.Split('\n').Select((line, i) => (Line: i + 1, Text: line.Trim()))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && !l.Text.StartsWith("///", StringComparison.Ordinal) && ActionOnly().IsMatch(l.Text))
            .Select(l => $"{name}:{l.Line}: {l.Text}").ToList();

    [Fact]
    public void NoCaseWorkPageHoldsARuleACheckOrASave()
    {
        var pages = CaseWorkPages().ToList();
        Assert.Contains(pages, p => p.Name == "CarePlans/Goal.cshtml.cs");
        var offences = pages.Where(p => !NotYetMoved.Contains(p.Name)).SelectMany(p => Offences(p.Name, p.Text)).ToList();
        Assert.True(offences.Count == 0, "A case-work page does what only its action may:\n" + string.Join("\n", offences));
        Assert.Empty(NotYetMoved.Except(pages.Select(p => p.Name)));
    }

    [Fact]
    public void NoBoundInputOfACaseFormCarriesAValidationAttribute()
    {
        var offences = new List<string>();
        foreach (var page in typeof(CaseFormModel).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseFormModel)) && !t.IsAbstract))
            foreach (var bound in page.GetProperties().Where(p => p.IsDefined(typeof(BindPropertyAttribute), true)))
            {
                if (bound.IsDefined(typeof(ValidationAttribute), true)) offences.Add($"{page.Name}.{bound.Name}");
                // An input object's own properties are validated too.
                if (bound.PropertyType.IsClass && bound.PropertyType.Namespace?.StartsWith("Pathway", StringComparison.Ordinal) == true)
                    offences.AddRange(bound.PropertyType.GetProperties().Where(p => p.IsDefined(typeof(ValidationAttribute), true))
                        .Select(p => $"{page.Name}.{bound.Name}.{p.Name}"));
            }
        Assert.True(offences.Count == 0, "Validation attributes on a case form's bound input (rules belong in its action): " + string.Join(", ", offences));
    }

    [Fact]
    public void TheGuardCatchesARuleACheckAndASaveCreepingBack()
    {
        const string creeping = """
            public class GoalModel(PathwayDb db) : CaseFormModel(db)
            {
                [BindProperty, Required(ErrorMessage = "Enter the goal")] public string? Description { get; set; }
                [BindProperty, Display(Name = "Start"), StringLength(500)] public string? Notes { get; set; }
                public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
                {
                    // Rules. in a comment is words, not a rule.
                    if (Date is { } day) Check(nameof(Date), "Date", EpisodeRules.InJourney(day, Episode.ReferralDate));
                    await Db.SaveChangesAsync(cancel);
                    await Db.TrySaveCaseAsync(Episode, Version, Worker, cancel);
                    return await SaveAsync(cancel);
                }
            }
            """;
        var offences = Offences("Sample.cshtml.cs", creeping.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal([3, 4, 8, 9, 10, 11], offences.Select(o => int.Parse(o.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(Offences("Thin.cshtml.cs", """
            [BindProperty, Display(Name = "Date of contact")] public DateOnly? Date { get; set; }
            return await ActAsync(mode => Bookings.BookAsync(Db, access, Worker, Id, Version, new BookingInput(Date, Time, Channel, Kind), cancel, mode), cancel);
            """));
    }
}
