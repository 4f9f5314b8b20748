using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Assessments;

/// <summary>A triage as the worker gives it: the episode's triage date, substances and injecting, with housing, work and risk.</summary>
public sealed class TriageInput
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Triage date")] public DateOnly? TriageDate { get; set; }
    public Substance? Substance1 { get; set; }
    public Substance? Substance2 { get; set; }
    public Substance? Substance3 { get; set; }
    public InjectingStatus? InjectingStatus { get; set; }
    public HousingSituation? Housing { get; set; }
    public EmploymentSituation? Employment { get; set; }
    public bool OverdoseRisk { get; set; }
    public bool SelfHarmRisk { get; set; }
    public bool SafeguardingConcern { get; set; }
    public bool DomesticAbuse { get; set; }
    public string? Notes { get; set; }
}

/// <summary>
/// Triage, and scoring a screening questionnaire: the actions the assessment pages (and the API) call. Each finds the episode
/// in the user's scope, applies every rule of its record and saves through <see cref="CaseSave"/>.
/// </summary>
public static class Assessing
{
    public static async Task<CaseOutcome> TriageAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        TriageInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        messages.Required(nameof(input.TriageDate), input.TriageDate, "Enter the triage date");
        messages.Required(nameof(input.Substance1), input.Substance1, "Select the main problem substance");
        messages.Required(nameof(input.InjectingStatus), input.InjectingStatus, "Select injecting status");
        messages.Required(nameof(input.Housing), input.Housing, "Select housing");
        messages.Required(nameof(input.Employment), input.Employment, "Select employment");
        messages.MaxLength(nameof(input.Notes), input.Notes, 4000, "Risk notes must be 4000 characters or fewer");
        if (input.TriageDate is { } triage)
            messages.Rule(nameof(input.TriageDate), "Triage date", RecordRules.NotFuture(triage, db.Time().Today())
                ?? EpisodeRules.TriageDate(triage, episode.ReferralDate, episode.DischargeDate));
        if (input.Substance2 is { } s2) messages.Rule(nameof(input.Substance2), "Substance 2", EpisodeRules.Substance2(input.Substance1, s2));
        if (input.Substance3 is { } s3) messages.Rule(nameof(input.Substance3), "Substance 3", EpisodeRules.Substance3(input.Substance1, input.Substance2, s3));
        // A discharged episode's reason must still suit its substances.
        if (episode.DischargeReason is { } reason)
            messages.Rule(nameof(input.Substance1), "The episode's discharge reason",
                EpisodeRules.DischargeReason(reason, input.Substance1, input.Substance2, input.Substance3));
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        episode.TriageDate = input.TriageDate;
        episode.Substance1 = input.Substance1!.Value;
        episode.Substance2 = input.Substance2;
        episode.Substance3 = input.Substance3;
        episode.InjectingStatus = input.InjectingStatus!.Value;
        db.RiskAssessments.Add(new RiskAssessment
        {
            Episode = episode, Date = input.TriageDate!.Value, Housing = input.Housing!.Value, Employment = input.Employment!.Value,
            OverdoseRisk = input.OverdoseRisk, SelfHarmRisk = input.SelfHarmRisk, SafeguardingConcern = input.SafeguardingConcern,
            DomesticAbuse = input.DomesticAbuse, Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
        });
        return await CaseAction.SaveAsync(db, episode, version, who, () => episode.Id, cancel);
    }

    /// <summary>AUDIT, AUDIT-C or SADQ: every question answered with one of its answers, scored by the tool's one scoring table.</summary>
    public static async Task<CaseOutcome> ScreenAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        ScreeningInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var questionnaire = ScreeningTools.For(input.Tool);
        var messages = new FieldMessages();
        messages.Required(nameof(input.Date), input.Date, "Enter the date of the screening");
        if (input.Date is { } day) messages.Rule(nameof(input.Date), "Date of screening", CaseAction.HappenedInJourney(day, db.Time().Today(), episode));
        for (var i = 0; i < questionnaire.Questions.Count; i++)
        {
            var answer = i < input.Answers.Count ? input.Answers[i] : null;
            if (answer is null || !questionnaire.Questions[i].Allows(answer.Value))
                messages.Add($"{nameof(input.Answers)}[{i}]", $"Answer question {i + 1}");
        }
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var answers = input.Answers.Take(questionnaire.Questions.Count).Select(a => a!.Value).ToList();
        var screening = new Screening
        {
            Episode = episode, Tool = questionnaire.Tool, Date = input.Date!.Value, Answers = string.Join(',', answers),
            Score = questionnaire.Score(answers).Score,
        };
        db.Screenings.Add(screening);
        return await CaseAction.SaveAsync(db, episode, version, who, () => screening.Id, cancel);
    }
}

/// <summary>A screening as the worker gives it: the tool, the date and one answer a question (null: not answered).</summary>
public sealed record ScreeningInput(ScreeningTool Tool, DateOnly? Date, IReadOnlyList<int?> Answers);
