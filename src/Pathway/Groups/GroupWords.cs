namespace Pathway.Groups;

public static class GroupWords
{
    public static string Of(GroupType type) => type switch
    {
        GroupType.PsychosocialGroup => "Psychosocial group",
        GroupType.MutualAidMeeting => "Mutual-aid meeting (for example SMART Recovery, AA or NA)",
        _ => "Other group",
    };
}
