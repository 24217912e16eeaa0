import { useCallback, useEffect, useState } from 'react';
import type { HallConfig, UserView } from '@vuoro/server/protocol';
import { ApiFailure, api } from '../api/client.js';

export type AdminUser = UserView & { disabled?: boolean; source?: 'local' | 'directory' };

export interface AdminData {
  config: HallConfig | null;
  users: AdminUser[];
  failure: ApiFailure | null;
  reload(): Promise<void>;
}

/** The hall configuration in force and the staff accounts, re-read after each change and on `configVersion`. */
export function useAdminData(token: string, configVersion: unknown, onExpired: () => void): AdminData {
  const [config, setConfig] = useState<HallConfig | null>(null);
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const reload = useCallback(async () => {
    try {
      const [c, u] = await Promise.all([
        api('exportConfig', token),
        api('users', token),
      ]);
      setConfig(c);
      setUsers(u);
      setFailure(null);
    } catch (err) {
      const f = err instanceof ApiFailure ? err : new ApiFailure(0, 'internal', String(err));
      if (f.code === 'unauthorized') onExpired();
      else setFailure(f);
    }
  }, [token, onExpired]);
  useEffect(() => {
    void reload();
  }, [reload, configVersion]);
  return { config, users, failure, reload };
}
