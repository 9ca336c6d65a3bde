package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// admitUserLogin settles a login made on two computers while apart (two
// accounts "marie"): a login names one active account (users_login), so
// the second row could not be written and the file that brings it would
// be refused again and again, stopping that computer's sync for good.
//
// Of the two accounts, the one made later (the higher ID) yields on every
// computer alike: its login takes a number ("marie-2"). The rename is a change of this computer, so it travels;
// the other computer makes the same rename, and the two agree. The login
// it lost is kept in the conflicts list, where the conflicts screen shows
// it, and the rename is audited.
func admitUserLogin(ctx context.Context, tx *Tx, q querier, id string, vals map[string]any) error {
	_, setsLogin := vals["login"]
	_, setsDeleted := vals["deleted"]
	if !setsLogin && !setsDeleted {
		return nil
	}
	var stored struct {
		login   sql.NullString
		deleted sql.NullInt64
	}
	err := q.QueryRowContext(ctx, `SELECT login, deleted FROM users WHERE id = ?`, id).Scan(&stored.login, &stored.deleted)
	if err != nil && err != sql.ErrNoRows {
		return sqlErr("reading an account before an incoming change", err)
	}
	login, _ := vals["login"].(string)
	if !setsLogin {
		login = stored.login.String
	}
	deleted := stored.deleted.Int64
	if v, ok := vals["deleted"].(int64); ok {
		deleted = v
	}
	if login == "" || deleted != 0 {
		return nil
	}
	var other string
	err = q.QueryRowContext(ctx, `SELECT id FROM users WHERE login = ? AND id <> ? AND deleted = 0`, login, id).Scan(&other)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return sqlErr("looking for another account with an incoming login", err)
	}
	yielder := max(id, other)
	renamed, err := freeLogin(ctx, q, login)
	if err != nil {
		return err
	}
	// The change that gave the account its login: an edit of it, or the
	// account's creation.
	gave, err := fieldHistory(ctx, q, "users", yielder, "login", 1, nil)
	if err != nil {
		return err
	} else if len(gave) == 0 {
		return Errorf(EInternal, "No change gave account %s its login.", yielder)
	}
	lost := gave[0]
	if yielder == id {
		vals["login"] = renamed // written with the rest of the incoming row
	} else if _, err := tx.tx.ExecContext(ctx, `UPDATE users SET login = ? WHERE id = ?`, renamed, yielder); err != nil {
		return sqlErr("renaming an account whose login was made twice", err)
	}
	op := NewID()
	oldJSON, _ := json.Marshal(login)
	newJSON, _ := json.Marshal(renamed)
	if _, err := tx.tx.ExecContext(ctx, `INSERT INTO changes (op_id, hlc, device_id, tbl, row_id, field, old, new) VALUES (?, ?, ?, 'users', ?, 'login', ?, ?)`,
		op, tx.s.clock.Now().String(), tx.s.device().ID, yielder, string(oldJSON), string(newJSON)); err != nil {
		return sqlErr("recording the new login of an account for sync", err)
	}
	if _, err := tx.tx.ExecContext(ctx, conflictInsert,
		lost.loserKey("login"), "users", yielder, "login", string(oldJSON), lost.device, op, tx.now.Format(time.RFC3339)); err != nil {
		return sqlErr("keeping the login an account lost", err)
	}
	return tx.Audit("login_renamed", "users", yielder, fmt.Sprintf("the login %s was made on two computers; this account's is now %s", login, renamed))
}

// freeLogin is login with the first number from 2 that no active
// account's login has ("marie-2"). A number, not the letter of the
// computer that made the account: a computer may not know that computer
// yet when the file arrives, and every computer must choose alike.
func freeLogin(ctx context.Context, q querier, login string) (string, error) {
	for n := 2; ; n++ {
		try := fmt.Sprintf("%s-%d", login, n)
		var taken int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE login = ? AND deleted = 0`, try).Scan(&taken); err != nil {
			return "", sqlErr("looking for a free login", err)
		} else if taken == 0 {
			return try, nil
		}
	}
}
