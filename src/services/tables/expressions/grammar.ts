/**
 * The PEG grammar of DynamoDB's expression languages (condition, key condition and filter
 * expressions; update expressions; projection expressions), compiled by peggy at first use
 * (parser.ts). Syntax from the Developer Guide's "Condition and filter expressions, operators,
 * and functions", "Update expressions" and "Projection expressions" pages. Precedence, lowest
 * first: OR, AND, NOT, then comparisons / BETWEEN / IN / functions / parentheses.
 * Names are resolved (#names, :values, reserved words) after parsing, in resolve.ts.
 */
export const GRAMMAR = String.raw`
Condition = _ c:Or _ { return c; }
Update = _ head:Clause tail:(_ c:Clause { return c; })* _ { return [head, ...tail]; }
Projection = _ head:Path tail:(_ "," _ p:Path { return p; })* _ { return [head, ...tail]; }

Or = head:And tail:(_ OR _ c:And { return c; })* { return tail.reduce((l, r) => ({ type: 'or', left: l, right: r }), head); }
And = head:Not tail:(_ AND _ c:Not { return c; })* { return tail.reduce((l, r) => ({ type: 'and', left: l, right: r }), head); }
Not = NOT _ c:Not { return { type: 'not', condition: c }; } / Primary
Primary
  = "(" _ c:Or _ ")" { return c; }
  / ConditionFunction
  / v:Operand _ BETWEEN _ low:Operand _ AND _ high:Operand { return { type: 'between', value: v, low, high }; }
  / v:Operand _ IN _ "(" _ head:Operand tail:(_ "," _ o:Operand { return o; })* _ ")" { return { type: 'in', value: v, list: [head, ...tail] }; }
  / left:Operand _ op:Comparator _ right:Operand { return { type: 'compare', op, left, right }; }

Comparator = "<>" / "<=" / ">=" / "=" / "<" / ">"

ConditionFunction = name:FunctionName _ "(" _ args:Arguments _ ")" { return { type: 'function', name, args, offset: offset() }; }
FunctionName = n:$("attribute_exists"i / "attribute_not_exists"i / "attribute_type"i / "begins_with"i / "contains"i) !NameChar { return n.toLowerCase(); }
Arguments = head:Operand tail:(_ "," _ o:Operand { return o; })* { return [head, ...tail]; }

Operand = Size / Path / Value
Size = "size"i _ "(" _ p:Path _ ")" { return { type: 'size', path: p }; }

Clause
  = SET _ head:SetAction tail:(_ "," _ a:SetAction { return a; })* { return { type: 'SET', actions: [head, ...tail] }; }
  / REMOVE _ head:Path tail:(_ "," _ p:Path { return p; })* { return { type: 'REMOVE', actions: [head, ...tail].map((path) => ({ path })) }; }
  / ADD _ head:PathValue tail:(_ "," _ a:PathValue { return a; })* { return { type: 'ADD', actions: [head, ...tail] }; }
  / DELETE _ head:PathValue tail:(_ "," _ a:PathValue { return a; })* { return { type: 'DELETE', actions: [head, ...tail] }; }
SetAction = path:Path _ "=" _ value:SetValue { return { path, value }; }
PathValue = path:Path _ value:Value { return { path, value }; }
SetValue
  = left:SetOperand _ op:[+-] _ right:SetOperand { return { type: op === '+' ? 'plus' : 'minus', left, right }; }
  / SetOperand
SetOperand
  = "if_not_exists"i !NameChar _ "(" _ path:Path _ "," _ value:SetValue _ ")" { return { type: 'if_not_exists', path, value }; }
  / "list_append"i !NameChar _ "(" _ left:SetValue _ "," _ right:SetValue _ ")" { return { type: 'list_append', left, right }; }
  / Path
  / Value

Path = head:PathName tail:PathElement* { return { type: 'path', elements: [head, ...tail] }; }
PathElement
  = "." n:PathName { return n; }
  / "[" _ d:$[0-9]+ _ "]" { return { index: Number(d) }; }
PathName
  = "#" n:$NameChar+ { return { alias: '#' + n }; }
  / !(Keyword !NameChar) n:$([a-zA-Z_] NameChar*) { return { name: n }; }
Value = ":" n:$NameChar+ { return { type: 'value', ref: ':' + n }; }

NameChar = [a-zA-Z0-9_]
Keyword = AND / OR / NOT / BETWEEN / IN / SET / REMOVE / ADD / DELETE
AND = "AND"i !NameChar
OR = "OR"i !NameChar
NOT = "NOT"i !NameChar
BETWEEN = "BETWEEN"i !NameChar
IN = "IN"i !NameChar
SET = "SET"i !NameChar
REMOVE = "REMOVE"i !NameChar
ADD = "ADD"i !NameChar
DELETE = "DELETE"i !NameChar
_ = [ \t\r\n]*
`;
