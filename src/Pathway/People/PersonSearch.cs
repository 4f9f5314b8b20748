using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pathway.Episodes;
using Pathway.Referrals;

namespace Pathway.People;

/// <summary>One person found by a search: their latest episode inside the searcher's scope.</summary>
public sealed record PersonMatch(int EpisodeId, string Name, DateOnly DateOfBirth, string ClientRef, string? NhsNumber, bool Open);

/// <summary>What a search asks for; every part given must match.</summary>
public sealed record PersonQuery(string? Name = null, DateOnly? DateOfBirth = null, string? NhsNumber = null, string? ClientRef = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && DateOfBirth is null && string.IsNullOrWhiteSpace(NhsNumber) && string.IsNullOrWhiteSpace(ClientRef);

    private static readonly string[] DateForms =
        ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd", "d MMM yyyy", "d MMMM yyyy", "ddMMyyyy"];

    /// <summary>
    /// Reads one search box: ten digits (spaced or not) are an NHS number; a date in UK form a date of birth; any other
    /// word with a digit in it a client reference; the remaining words a name. "Jane Doe 17/05/1980" is name and date of birth.
    /// </summary>
    public static PersonQuery Parse(string? text)
    {
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var joined = string.Concat(words);
        if (joined.Length == 10 && joined.All(char.IsAsciiDigit)) return new PersonQuery(NhsNumber: joined);
        DateOnly? born = null;
        // A date written with spaces ("17 May 1980") comes as three words, at the end.
        if (words.Count >= 3 && IsDate(string.Join(' ', words[^3..])) is { } spaced)
        {
            born = spaced;
            words.RemoveRange(words.Count - 3, 3);
        }
        string? nhs = null, clientRef = null;
        var name = new List<string>();
        foreach (var word in words)
        {
            if (IsDate(word) is { } day) born = day;
            else if (word.Length == 10 && word.All(char.IsAsciiDigit)) nhs = word;
            else if (word.Any(char.IsAsciiDigit)) clientRef = word.ToUpperInvariant();
            else name.Add(word);
        }
        return new PersonQuery(name.Count == 0 ? null : string.Join(' ', name), born, nhs, clientRef);
    }

    private static DateOnly? IsDate(string text) =>
        DateOnly.TryParseExact(text, DateForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>
/// Finding people already known, for the referral front door and for finding a client: the one place the matching rule
/// lives. A name matches on the family name and, given two or more words, the initials (the exchange format's attributors).
/// The caller passes the episodes inside its scope and audits the people found.
/// </summary>
public static class PersonSearch
{
    public const int MaxEpisodes = 50;

    public sealed record Found(List<PersonMatch> Matches, List<int> People);

    public static async Task<Found> FindAsync(IQueryable<Episode> visible, PersonQuery search, CancellationToken cancel)
    {
        var query = visible.AsNoTracking();
        var nhs = search.NhsNumber?.Replace(" ", "");
        if (!string.IsNullOrEmpty(nhs)) query = query.Where(e => e.ClientRecord.NhsNumber == nhs);
        if (search.DateOfBirth is { } dob) query = query.Where(e => e.Person.DateOfBirth == dob);
        if (!string.IsNullOrWhiteSpace(search.ClientRef))
        {
            var clientRef = search.ClientRef.Trim().ToUpperInvariant();
            query = query.Where(e => e.ClientRecord.ClientRef.ToUpper() == clientRef);
        }
        var words = (search.Name ?? "").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0)
        {
            var family = words[^1].ToUpperInvariant();
            query = query.Where(e => e.ClientRecord.FamilyName != null && e.ClientRecord.FamilyName.ToUpper() == family);
            var initials = ReferralIntake.InitialsOf(words[0], words[^1]);
            if (words.Length > 1) query = query.Where(e => e.Person.Initials == initials);
        }
        var rows = await query.OrderByDescending(e => e.ReferralDate).ThenByDescending(e => e.Id).Take(MaxEpisodes)
            .Select(e => new { e.Id, e.PersonId, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.Person.DateOfBirth, e.ClientRecord.ClientRef, e.ClientRecord.NhsNumber, Open = e.DischargeDate == null })
            .ToListAsync(cancel);
        // One line per person: their latest episode here.
        var matches = rows.GroupBy(r => r.PersonId).Select(g => g.First())
            .Select(r => new PersonMatch(r.Id, $"{r.GivenName} {r.FamilyName}".Trim(), r.DateOfBirth, r.ClientRef, r.NhsNumber, r.Open)).ToList();
        return new Found(matches, rows.Select(r => r.PersonId).Distinct().ToList());
    }
}
