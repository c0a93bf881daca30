namespace Ogi.Assessment.Domain;

/// <summary>Something the assessment domain decided; the events layer turns these plain records into messages.</summary>
public interface IAssessmentEvent;
