using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.CarePlans;

/// <summary>A recovery goal as the worker gives it: a new one (no id) or a change to one of the episode's.</summary>
public sealed record GoalInput(int? GoalId, string? Description, GoalStatus? Status);

/// <summary>An intervention as the worker gives it: a new one (no id) or a change to one of the episode's, ending it included.</summary>
public sealed record InterventionInput(int? InterventionId, InterventionType? Type, InterventionSetting? Setting, DateOnly? StartDate, DateOnly? EndDate);

/// <summary>
/// The care plan's actions, for the pages and the API alike: adding or changing a goal, starting or ending an intervention.
/// Each finds the episode in the user's scope, applies every rule and saves through <see cref="CaseSave"/>.
/// </summary>
public static class CarePlanning
{
    public static async Task<CaseOutcome> SaveGoalAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        GoalInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        RecoveryGoal? goal = null;
        if (input.GoalId is { } goalId && (goal = await db.RecoveryGoals.SingleOrDefaultAsync(g => g.Id == goalId && g.EpisodeId == episode.Id, cancel)) is null)
            return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        messages.Required(nameof(input.Description), input.Description, "Enter the goal");
        messages.MaxLength(nameof(input.Description), input.Description, 500, "The goal must be 500 characters or fewer");
        messages.Required(nameof(input.Status), input.Status, "Select the goal's status");
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        if (goal is not null)
        {
            goal.Description = input.Description!.Trim();
            goal.Status = input.Status!.Value;
        }
        else db.RecoveryGoals.Add(goal = new RecoveryGoal { Episode = episode, Description = input.Description!.Trim(), Status = input.Status!.Value, SetOn = db.Time().Today() });
        return await CaseAction.SaveAsync(db, episode, version, who, () => goal.Id, cancel);
    }

    public static async Task<CaseOutcome> SaveInterventionAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        InterventionInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        Intervention? intervention = null;
        if (input.InterventionId is { } iid && (intervention = await db.Interventions.SingleOrDefaultAsync(x => x.Id == iid && x.EpisodeId == episode.Id, cancel)) is null)
            return new CaseOutcome.NotFound();
        var today = db.Time().Today();
        var messages = new FieldMessages();
        messages.Required(nameof(input.Type), input.Type, "Select the type of intervention");
        messages.Required(nameof(input.Setting), input.Setting, "Select the setting");
        messages.Required(nameof(input.StartDate), input.StartDate, "Enter the start date");
        if (input.StartDate is { } start) messages.Rule(nameof(input.StartDate), "Start date", CaseAction.HappenedInJourney(start, today, episode));
        if (input.EndDate is { } end)
            messages.Rule(nameof(input.EndDate), "End date", RecordRules.NotFuture(end, today) ?? (input.StartDate is { } s ? InterventionRules.EndDate(end, s) : null));
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        if (intervention is not null)
            (intervention.Type, intervention.Setting, intervention.StartDate, intervention.EndDate) = (input.Type!.Value, input.Setting!.Value, input.StartDate!.Value, input.EndDate);
        else episode.Interventions.Add(intervention = new Intervention
        {
            Type = input.Type!.Value, Setting = input.Setting!.Value, StartDate = input.StartDate!.Value, EndDate = input.EndDate,
        });
        return await CaseAction.SaveAsync(db, episode, version, who, () => intervention.Id, cancel);
    }
}
