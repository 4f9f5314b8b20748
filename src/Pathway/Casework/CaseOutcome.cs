using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Admin;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Casework;

/// <summary>
/// What a case-work action answers, to a page and an API alike: saved (with the id of the record it made or changed), invalid
/// (a message for each field that broke a rule, the field named as in the action's input), stale (the case changed since the
/// form was filled in: nothing saved) or not found (no such record in the user's scope, the refusal on the person's trail).
/// </summary>
public abstract record CaseOutcome
{
    public sealed record Saved(int Id) : CaseOutcome;
    public sealed record Invalid(IReadOnlyList<FieldMessage> Messages) : CaseOutcome;
    public sealed record Stale : CaseOutcome;
    public sealed record NotFound : CaseOutcome;
}

/// <summary>
/// Whether an action saves or only checks: a form with a value that did not bind (a date that is not a date) is checked, so
/// every other field gets its message too, but nothing of it is saved. A check that finds nothing answers Invalid with no messages.
/// </summary>
public enum CaseActionMode { Save, CheckOnly }

/// <summary>The messages of one action's input: one a field, the first rule broken, in the order the rules are checked.</summary>
public sealed class FieldMessages
{
    private readonly List<FieldMessage> messages = [];

    public IReadOnlyList<FieldMessage> All => messages;
    public bool Any => messages.Count > 0;
    public bool Has(string field) => messages.Any(m => m.Field == field);

    /// <summary>A message as the form shows it ("Enter the date"); ignored when the field already has one.</summary>
    public void Add(string field, string message)
    {
        if (!Has(field)) messages.Add(new(field, message));
    }

    /// <summary>A record's rule (null: kept), phrased after the field's label (<see cref="Infrastructure.RecordRules.Phrase"/>).</summary>
    public void Rule(string field, string label, string? reason)
    {
        if (reason is not null) Add(field, Infrastructure.RecordRules.Phrase(label, reason));
    }

    public void Required(string field, object? value, string message)
    {
        if (value is null || value is string text && string.IsNullOrWhiteSpace(text)) Add(field, message);
    }

    public void MaxLength(string field, string? text, int max, string message)
    {
        if (text is not null && text.Length > max) Add(field, message);
    }

    public CaseOutcome.Invalid Invalid() => new(messages);
}

/// <summary>The steps every case-work action shares: finding the episode in the user's scope, and saving with the version check.</summary>
public static class CaseAction
{
    /// <summary>
    /// The episode, tracked with its person, when it is inside the user's scope (<see cref="RecordAccess"/>); null otherwise,
    /// and the refusal is on the trail of the person it belongs to.
    /// </summary>
    public static async Task<Episode?> EpisodeAsync(RecordAccess access, int episodeId, CancellationToken cancel,
        Func<IQueryable<Episode>, IQueryable<Episode>>? include = null)
    {
        IQueryable<Episode> episodes = (await access.EpisodesAsync(cancel)).Include(e => e.Person);
        if (include is not null) episodes = include(episodes);
        var episode = await episodes.SingleOrDefaultAsync(e => e.Id == episodeId, cancel);
        if (episode is null) await access.RefusedAsync(AuditedRecordTypes.Episode, episodeId.ToString(CultureInfo.InvariantCulture), cancel);
        return episode;
    }

    /// <summary>Saves through <see cref="CaseSave"/>; the id is read after the save (a new record's id is the database's).</summary>
    public static async Task<CaseOutcome> SaveAsync(PathwayDb db, Episode episode, int version, Caseworker who, Func<int> id, CancellationToken cancel)
    {
        if (await db.TrySaveCaseAsync(episode, version, who, cancel)) return new CaseOutcome.Saved(id());
        // Nothing of a refused save stays in the unit of work to be written by a later one.
        db.ChangeTracker.Clear();
        return new CaseOutcome.Stale();
    }

    /// <summary>A date of something that has happened, within the episode's journey: the rules every dated record of an episode keeps.</summary>
    public static string? HappenedInJourney(DateOnly day, DateOnly today, Episode episode) =>
        Infrastructure.RecordRules.NotFuture(day, today) ?? EpisodeRules.InJourney(day, episode.ReferralDate);
}
