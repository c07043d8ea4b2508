namespace Hookline.Core.Templates;

/// <summary>
/// The mapping given for one field when compiling. Without one (the default), each occurrence of the field uses
/// its own inline token, if it has one; an explicit mapping applies to every occurrence, and null unmaps.
/// </summary>
internal readonly record struct FieldBinding(bool IsExplicit, Expression? Expression)
{
    public static FieldBinding Explicit(Expression? expression) => new(true, expression);
}
