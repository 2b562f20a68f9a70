// The list of screens and which component shows each one (the Overzicht alone until the open completes).
import type { ScreenId } from '../../shared/ipc/contract';
import type { MessageKey } from '../i18n/nl';
import { useLanguage } from '../i18n/i18n';
import { useApp } from './context';
import { OverzichtScreen } from '../screens/OverzichtScreen';
import { ElipScreen } from '../screens/ElipScreen';
import { BoetesScreen } from '../screens/BoetesScreen';
import { DatalekScreen } from '../screens/DatalekScreen';
import { KennisgevingenScreen } from '../screens/KennisgevingenScreen';
import { SqlScreen } from '../screens/SqlScreen';
import { BijlageScreen } from '../screens/BijlageScreen';
import { AuditScreen } from '../screens/AuditScreen';
import { VergelijkenScreen } from '../screens/VergelijkenScreen';
import { ControlerenScreen } from '../screens/ControlerenScreen';

export const SCREENS: readonly { id: ScreenId; label: MessageKey }[] = [
  { id: 'overzicht', label: 'screenOverzicht' },
  { id: 'elip', label: 'screenElip' },
  { id: 'boetes', label: 'screenBoetes' },
  { id: 'datalek', label: 'screenDatalek' },
  { id: 'kennisgevingen', label: 'screenKennisgevingen' },
  { id: 'sql', label: 'screenSql' },
  { id: 'bijlage', label: 'screenBijlage' },
  { id: 'vergelijken', label: 'screenVergelijken' },
  { id: 'controleren', label: 'screenControleren' },
  { id: 'audit', label: 'screenAudit' },
];

/**
 * While the open completes (every table checked, the file's digest made) only the Overzicht
 * shows; the other screens read findings, skip sets and provenance, so they wait for it.
 */
function WaitingForCompletion({ screen }: { screen: ScreenId }) {
  const { t } = useLanguage();
  const label = SCREENS.find((item) => item.id === screen)?.label ?? 'screenOverzicht';
  return (
    <div className="screen" aria-busy="true">
      <h1>{t(label)}</h1>
      <p className="lead" role="status" data-testid="waiting-for-completion">{t('checkingWait')}</p>
    </div>
  );
}

export function ScreenView({ screen }: { screen: ScreenId }) {
  const { completion } = useApp();
  if (completion === null && screen !== 'overzicht') return <WaitingForCompletion screen={screen} />;
  switch (screen) {
    case 'elip': return <ElipScreen />;
    case 'boetes': return <BoetesScreen />;
    case 'datalek': return <DatalekScreen />;
    case 'kennisgevingen': return <KennisgevingenScreen />;
    case 'sql': return <SqlScreen />;
    case 'bijlage': return <BijlageScreen />;
    case 'audit': return <AuditScreen />;
    case 'vergelijken': return <VergelijkenScreen />;
    case 'controleren': return <ControlerenScreen />;
    default: return <OverzichtScreen />;
  }
}
