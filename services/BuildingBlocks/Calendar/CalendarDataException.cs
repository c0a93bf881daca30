namespace Ogi.BuildingBlocks.Calendar;

/// <summary>A calendar or profile file an operator supplied (or we shipped) is wrong; the message names the file and the entry.</summary>
public sealed class CalendarDataException(string message) : Exception(message);
