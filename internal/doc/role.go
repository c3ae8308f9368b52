package doc

// Role says what a block or a cell is, never how it looks: the layout
// resolves a role through the theme (templates/theme.yaml) into sizes,
// colours and spacing, and a tagged PDF maps it to a structure type
// (RoleHead → TH with column scope, RoleLabel → TH with row scope,
// RoleNote → Note, RoleLayoutTable → an artifact grid, not a data table).
// The zero role is the container's ordinary text: a body paragraph, a
// data cell, a plain table.
type Role uint8

// Roles of paragraphs.
const (
	RoleNone Role = iota
	// RoleNote is a short remark under a cell's main text (« ajoutée par
	// l'avenant n° 2 »), smaller.
	RoleNote
	// RoleLead is the centred title that opens a fiche's context.
	RoleLead
)

// Roles of cells.
const (
	// RoleHead is a column header cell, shaded.
	RoleHead Role = iota + 16
	// RoleLabel is a row label cell, shaded lighter.
	RoleLabel
	// RoleState is a cell that shows an état d'avancement, coloured by
	// its Cell.State.
	RoleState
)

// Roles of tables: each has its type size in the theme.
const (
	// RoleFicheTable is a fiche's identification table.
	RoleFicheTable Role = iota + 32
	// RoleGridTable is a dense grid: the synthèse, a fiche's indicators,
	// an avenant's tables.
	RoleGridTable
	// RoleDenseTable is a wide table of the evaluation annex.
	RoleDenseTable
	// RoleLayoutTable is a borderless table that only aligns text (the
	// sigles): not a data table.
	RoleLayoutTable
)
